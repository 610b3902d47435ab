"""The whole cycle on the real broker and PostgreSQL, as people do it with their own tokens: a mandate holder
refuses a request, the backoffice sends the refusal beschikking and intake's decision term stops by itself; the
resident objects, the jurist decides the bezwaar gegrond, which revokes the refusal and starts a new decision term;
the new decision (an award) is funded and its beschikking stops that term. Checked: the letters' text and
reporting's counts of refusals, bezwaren per outcome and terms met."""

from __future__ import annotations

import pytest

from kernel.termijnen import term_end
from tests.integration.lawcycle.cycle import HAVEN, PROFESSIONAL, PROVISION, Cycle, flat, team_term

pytestmark = pytest.mark.integration
REASONS = "Mevrouw doet zelf de lichte schoonmaak en haar dochter komt twee keer per week helpen met de was."


async def test_a_refusal_upheld_bezwaar_and_new_decision_with_their_letters_and_counts(cycle: Cycle) -> None:
    before = await cycle.cycle_report()
    household = await cycle.melding()
    plan = f"/plans/{household.plan_id}"
    application = await cycle.call("intake", PROFESSIONAL, "POST", f"/cases/{household.case_id}/applications",
                                   {"domain": "wmo"}, 201)  # fmt: skip
    first_term = f"decision:{application['application_id']}"

    refusal = cycle.decision(
        kind="refusal", requested_amount_cents=250_000, legal_ground="own_strength", reasons=REASONS, amount_cents=0
    )
    refused = await cycle.call("planning", PROFESSIONAL, "POST", f"{plan}/decisions", refusal, 201)
    assert refused["status"] == "refused" and refused["mandate_ref"] == "ALM-M-02"
    refused_id = refused["decision_id"]

    letter = flat(await cycle.found("backoffice", "backoffice", f"/decisions/{refused_id}/letter"))
    sent = cycle.today()
    assert "heeft besloten uw aanvraag af te wijzen" in letter
    basis = "artikel 2.3.5, derde lid, van de Wet maatschappelijke ondersteuning 2015: u kunt dit op eigen kracht"
    assert f"Dit besluit is genomen op grond van {basis}" in letter
    assert f"Motivering {REASONS}" in letter
    assert f"Namens het college van burgemeester en wethouders van Almere, {PROFESSIONAL}" in letter
    deadline = term_end(sent, weeks=6)
    assert f"De termijn eindigt op {deadline.day} " in letter and "Bezwaar Bent u het niet eens" in letter
    html = await cycle.call("backoffice", "backoffice", "GET", f"/decisions/{refused_id}/letter.html")
    assert "<h2>Motivering</h2>" in html and "af te wijzen" in html
    stopped = await cycle.clock_stopped(household, first_term)
    assert stopped["stopped_on"] == sent.isoformat()

    cycle.after(10)
    objection = await cycle.call("backoffice", "backoffice", "POST", f"/decisions/{refused_id}/objections",
                                 {"grounds": "Mijn dochter kan niet meer helpen: zij is verhuisd."}, 201)  # fmt: skip
    assert objection["timely"] is True
    objection_path = f"/decisions/{refused_id}/objections/{objection['objection_id']}"
    upheld = {"outcome": "gegrond", "reasons": "Het netwerk kan de hulp niet meer bieden."}
    decided = await cycle.call("backoffice", "jurist", "POST", f"{objection_path}/decision", upheld)
    assert (decided["outcome"], decided["revokes"]) == ("gegrond", True)
    objection_letter = flat(await cycle.call("backoffice", "jurist", "GET", f"{objection_path}/letter"))
    assert "BESLISSING OP BEZWAAR" in objection_letter and "Uw bezwaar is gegrond. Wij herroepen het besluit" in (
        objection_letter
    )
    assert "Motivering Het netwerk kan de hulp niet meer bieden." in objection_letter
    assert "beroep instellen bij de rechtbank" in objection_letter and "Almere, jurist" in objection_letter

    revoked = await cycle.found("planning", PROFESSIONAL, plan, lambda p: refused_id in p["required_decisions"])
    assert next(d for d in revoked["decisions"] if d["decision_id"] == refused_id)["status"] == "revoked"
    clocks = await cycle.found(
        "intake", PROFESSIONAL, f"/cases/{household.case_id}", lambda c: len(c["clocks"]) == 4
    )  # personal plan, investigation, the aanvraag's term, and the new decision's term
    [new_term] = [c for c in clocks["clocks"] if c["clock"] == "decision" and c["clock_id"] != first_term]
    assert (new_term["started_on"], new_term["stopped_on"]) == (cycle.today().isoformat(), None)

    cycle.after(3)
    award = await cycle.call("planning", PROFESSIONAL, "POST", f"{plan}/decisions", cycle.decision(replaces=refused_id))
    assert award["status"] == "taken"
    award_letter = flat(await cycle.found("backoffice", "backoffice", f"/decisions/{award['decision_id']}/letter"))
    assert "heeft besloten u de volgende voorziening toe te kennen" in award_letter and "€ 2.500,00" in award_letter
    assert (await cycle.clock_stopped(household, new_term["clock_id"]))["stopped_on"] == cycle.today().isoformat()

    after = await cycle.found(
        "reporting", "controller", f"/report/cycle?team={HAVEN}",
        lambda r: team_term(r, "decision")["on_time"] >= team_term(before, "decision")["on_time"] + 2,
    )  # fmt: skip
    assert after["refusals_per_team"].get(HAVEN, 0) == before["refusals_per_team"].get(HAVEN, 0) + 1
    mine = [r for r in after["refusals"] if (r["provision_code"], r["legal_ground"]) == (PROVISION, "own_strength")]
    assert sum(r["refusals"] for r in mine) >= 1
    outcomes = (before["objections_per_outcome"], after["objections_per_outcome"])
    assert outcomes[1]["gegrond"] == outcomes[0]["gegrond"] + 1
    upheld_refusals = [o for o in after["objections"] if (o["contested_kind"], o["outcome"]) == ("refusal", "gegrond")]
    assert sum(o["objections"] for o in upheld_refusals) >= 1 and all(o["team_id"] == HAVEN for o in upheld_refusals)
