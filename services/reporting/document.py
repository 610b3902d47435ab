"""The yearly accountability report (verantwoording aan de gemeenteraad) as one HTML document, in Dutch: charts
(inline SVG) and the tables behind them. Wmo 2015 art. 2.5.1 (cliëntervaring), the statutory terms of Wmo 2015
art. 2.3.2 and 2.3.5, Awb 4:13 and the Wgs; see LAW.md §3.3 for what a council typically gets."""

from __future__ import annotations

from datetime import date
from html import escape

from services.reporting import charts
from services.reporting.document_cycle import render_cycle
from services.reporting.sections import Accountability
from services.reporting.tables import money, number, percent, table

SHORT = {
    "personal_plan": "Persoonlijk plan",
    "investigation": "Melding tot onderzoek",
    "decision": "Aanvraag tot beschikking",
    "debt_first_conversation": "Eerste gesprek schulden",
}
LINES = {"wmo": "Wmo", "youth": "Jeugd", "special_assistance": "Bijzondere bijstand", "discretionary": "Maatwerkbudget"}
STYLE = """
body{font-family:sans-serif;margin:2em;color:#222;max-width:60em} h1{color:#1f6f8b} h2{border-bottom:1px solid #ccc;
page-break-after:avoid} table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:11pt}
th,td{border:1px solid #bbb;padding:3px 7px;text-align:left} td.num{text-align:right} svg{margin:.5em 0}
section{page-break-inside:auto} .note{color:#555;font-size:10pt}
"""


def render_document(report: Accountability, year: int) -> str:
    scope = f"team {report.team_id}" if report.team_id else f"gemeente {report.municipality}"
    moment = f"stand per {report.as_of:%d-%m-%Y %H:%M}" if report.as_of else "alle feiten tot nu toe"
    parts = [_summary(report), _budget(report, year), _decisions(report), _terms(report), _cases(report)]
    parts.append(render_cycle(report.cycle, 10))
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Verantwoording {escape(scope)} {year}</title>
<style>{STYLE}</style></head><body>
<h1>Verantwoording sociale wijkteams {year}</h1>
<p><strong>{escape(scope[:1].upper() + scope[1:])}</strong>, {escape(moment)}.
Periode 1 januari tot en met 31 december {year}.</p>
<p class="note">Alle cijfers zijn herberekend uit de vastgelegde feiten (besluiten, afwijkingen, betalingen,
termijnen, signalen, enquêteantwoorden); dezelfde cijfers staan in de JSON-API van de rapportagedienst.</p>
{"".join(parts)}
</body></html>
"""


def _summary(r: Accountability) -> str:
    s = r.summary
    rows = [
        ("Meldingen", number(s.support_requests)),
        ("Geopende zaken", number(s.cases_opened)),
        ("Besluiten onder mandaat", number(r.decisions.decisions)),
        ("Waarvan na escalatie", number(r.decisions.escalated)),
        ("Afwijkingen van de regels", number(sum(x.deviations for x in r.decisions.deviations))),
        ("Beschikkingen verzonden", number(s.letters_issued)),
        ("Afwijzingen", number(s.refusals)),
        ("Doorverwijzingen schuldhulpverlening", number(s.debt_referrals)),
        ("Gemiddelde tevredenheid (1-10)", number(r.satisfaction.total.average)),
    ]
    return "<section><h2>1. Kerncijfers</h2>" + table(("Onderwerp", "Aantal"), rows) + "</section>"


def _budget(r: Accountability, year: int) -> str:
    lines = [line for line in r.budget.lines if line.year == year]
    budget = sum(line.allocated_cents + line.reserve_draws_cents for line in lines)
    cumulative, running = [], 0
    per_month = {m.month: m.spent_cents for m in r.budget.months if m.year == year}
    for month in range(1, 13):
        running += per_month.get(month, 0)
        cumulative.append(running)
    rows = [
        (line.team_id, LINES.get(line.budget_line, line.budget_line), money(line.allocated_cents),
         money(line.reserve_draws_cents), money(line.reserved_open_cents), money(line.spent_cents),
         money(line.released_cents), money(line.remaining_cents))
        for line in lines
    ]  # fmt: skip
    headers = ("Team", "Budgetlijn", "Toegekend", "Uit reserve", "Gereserveerd", "Besteed", "Vrijgevallen", "Resterend")
    return (
        "<section><h2>2. Budget en besteding</h2>"
        + charts.spending(f"Besteding tegen budget {year}", cumulative, budget)
        + table(headers, rows, numeric_from=2)
        + "</section>"
    )


def _decisions(r: Accountability) -> str:
    d = r.decisions
    provisions = [(p.provision_code, LINES.get(p.budget_line, p.budget_line), p.decisions, money(p.amount_cents),
                   p.escalated) for p in d.by_provision]  # fmt: skip
    mandates = [(x.team_id, x.mandate_ref or "-", x.deciders, x.decisions, money(x.amount_cents), x.escalated)
                for x in d.by_mandate]  # fmt: skip
    per_rule: dict[str, int] = {}
    for deviation in d.deviations:
        per_rule[deviation.rule_ref] = per_rule.get(deviation.rule_ref, 0) + deviation.deviations
    deviations = [(x.team_id, x.provision_code, x.rule_ref, x.rule_value, x.deviations, x.approved_on_escalation,
                   x.largest_departure) for x in d.deviations]  # fmt: skip
    return (
        "<section><h2>3. Besluiten, mandaat en afwijkingen</h2>"
        + table(("Voorziening", "Budgetlijn", "Besluiten", "Bedrag", "Na escalatie"), provisions, 2)
        + table(("Team", "Mandaat", "Beslissers", "Besluiten", "Bedrag", "Na escalatie"), mandates, 2)
        + charts.bars("Afwijkingen per regel", sorted(per_rule.items()))
        + table(
            ("Team", "Voorziening", "Regel", "Norm", "Afwijkingen", "Na escalatie", "Grootste afwijking"),
            deviations,
            3,
        )
        + "</section>"
    )


def _terms(r: Accountability) -> str:
    t = r.terms
    shares = [(SHORT.get(s.clock, s.clock), (s.share_on_time or 0) * 100) for s in t.summaries]
    rows = [(s.label, s.started, s.on_time, s.late, s.missed, s.running, percent(s.share_on_time),
             number(s.median_days)) for s in t.summaries]  # fmt: skip
    missed = [
        (m.team_id or "-", m.clock, _day(m.started_on), _day(m.due_on), _day(m.stopped_on) if m.stopped_on else "niet",
         m.legal_basis)
        for m in t.missed
    ]  # fmt: skip
    return (
        "<section><h2>4. Doorlooptijden en wettelijke termijnen</h2>"
        + charts.bars("Binnen de termijn (%)", shares, lambda v: f"{v:.0f}%")
        + table(
            ("Termijn", "Gestart", "Op tijd", "Te laat", "Verstreken", "Lopend", "Op tijd %", "Mediaan dagen"), rows
        )
        + "<h3>Elke gemiste termijn</h3>"
        + table(("Team", "Termijn", "Start", "Uiterlijk", "Afgerond", "Grondslag"), missed, 9)
        + "</section>"
    )


def _cases(r: Accountability) -> str:
    debt = [(x.team_id or "Totaal", x.cases, x.with_debts, percent(x.share_with_debts), number(x.median_days_to_found),
             x.found["same_day"], x.found["within_week"], x.found["within_six_weeks"], x.found["later"])
            for x in [*r.debt.teams, r.debt.total]]  # fmt: skip
    support = [(x.team_id, x.cases, x.offered, percent(x.share_offered), x.volunteer, x.professional, x.declined)
               for x in r.client_support]  # fmt: skip
    signals = [
        (x.partner_type, x.district or "onbekend", x.kind, x.received, x.new_households) for x in r.signals.received
    ]
    feedback = [(x.team_id, x.provider_id, x.feedback, x.plan_fits, percent(x.share_fits)) for x in r.feedback]
    satisfaction = [(x.team_id or "Totaal", x.answers, number(x.average), percent(x.share_satisfied))
                    for x in [*r.satisfaction.teams, r.satisfaction.total]]  # fmt: skip
    return (
        "<section><h2>5. Schulden: hoe vaak en hoe vroeg gevonden</h2>"
        + table(
            (
                "Team",
                "Zaken",
                "Met schulden",
                "Aandeel",
                "Mediaan dagen na melding",
                "Zelfde dag",
                "Binnen week",
                "Binnen 6 weken",
                "Later",
            ),
            debt,
        )
        + "</section><section><h2>6. Onafhankelijke cliëntondersteuning</h2>"
        + table(("Team", "Zaken", "Aangeboden", "Aandeel", "Vrijwilliger", "Beroepskracht", "Geen"), support)
        + "</section><section><h2>7. Signalen van netwerkpartners</h2>"
        + table(("Partnertype", "Wijk", "Soort", "Ontvangen", "Nieuw huishouden"), signals, 3)
        + table(("Partnertype", "Geweigerd"), sorted(r.signals.rejected.items()))
        + "</section><section><h2>8. Terugkoppeling van aanbieders op plannen</h2>"
        + table(("Team", "Aanbieder", "Reacties", "Plan past", "Aandeel"), feedback, 2)
        + "</section><section><h2>9. Cliënttevredenheid</h2>"
        + charts.bars(
            "Gemiddeld rapportcijfer per team",
            [(x.team_id, x.average or 0) for x in r.satisfaction.teams],
            lambda v: number(v),
        )
        + table(("Team", "Antwoorden", "Gemiddeld", "7 of hoger"), satisfaction)
        + "</section>"
    )


def _day(day: date) -> str:
    return day.strftime("%d-%m-%Y")
