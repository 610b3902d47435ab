"""The law cycle's part of the yearly report (issue 17), in Dutch: the statutory terms met per team, refusals per
team, provision and legal ground, bezwaren per outcome, and the dwangsommen (Awb 4:17, 4:18) per team."""

from __future__ import annotations

from services.reporting import charts
from services.reporting.sections_cycle import CycleSection
from services.reporting.tables import money, percent, table

TERMS = {
    "personal_plan": "Persoonlijk plan",
    "investigation": "Melding tot onderzoek",
    "decision": "Aanvraag tot beschikking",
    "debt_first_conversation": "Eerste gesprek schulden",
}
GROUNDS = {
    "own_strength": "Eigen kracht, gebruikelijke hulp of netwerk",
    "general_provision": "Algemene of voorliggende voorziening",
    "no_need": "Geen ondersteuningsbehoefte",
    "not_necessary": "Niet noodzakelijk",
    "other": "Overig",
}


def render_cycle(c: CycleSection, number: int) -> str:
    terms = [(t.team_id or "-", TERMS.get(t.clock, t.clock), t.started, t.on_time, t.late, t.missed, t.running,
              percent(t.share_on_time)) for t in c.team_terms]  # fmt: skip
    refusals = [(r.team_id, r.provision_code, GROUNDS.get(r.legal_ground, r.legal_ground), r.refusals)
                for r in c.refusals]  # fmt: skip
    objections = [(o.team_id, o.provision_code, o.contested_kind, o.outcome, o.objections, o.decided_in_time)
                  for o in c.objections]  # fmt: skip
    penalties = [(p.team_id, p.notices, p.penalties, p.days, money(p.amount_cents), p.determined_late)
                 for p in c.penalties]  # fmt: skip
    outcomes = [(outcome, float(count)) for outcome, count in c.objections_per_outcome.items()]
    return (
        f"<section><h2>{number}. Beschikkingen, bezwaar en dwangsom</h2>"
        "<h3>Wettelijke termijnen per team</h3>"
        + table(("Team", "Termijn", "Gestart", "Op tijd", "Te laat", "Verstreken", "Lopend", "Op tijd %"), terms, 2)
        + "<h3>Afwijzingen</h3>"
        + table(("Team", "Voorziening", "Grond", "Afwijzingen"), refusals, 3)
        + charts.bars("Bezwaren per uitkomst", outcomes, lambda v: f"{v:.0f}")
        + table(("Team", "Voorziening", "Soort besluit", "Uitkomst", "Bezwaren", "Op tijd beslist"), objections, 4)
        + "<h3>Ingebrekestellingen en dwangsommen (Awb 4:17, 4:18)</h3>"
        + table(("Team", "Ingebrekestellingen", "Dwangsommen", "Dagen", "Bedrag", "Te laat vastgesteld"), penalties)
        + f"<p>Totaal aan dwangsommen: {money(c.penalty_total_cents)}.</p></section>"
    )
