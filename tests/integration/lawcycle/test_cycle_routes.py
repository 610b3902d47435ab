"""The cycle's routes as their callers meet them, on a stack with an issuer: no token, 401; a role the matrix does
not list, or another team, 403; only a mandate holder refuses an escalation (403 naming who may); a refusal
without reasons, or a late bezwaar without the jurist's judgement on its excusability (Awb 6:11), 422 saying so;
an evaluation changes the arrangement (the change letter), a cancellation sends the withdrawal letter, a goal is
revised with its history, and a plan closes only when nothing is in force."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from kernel.termijnen import term_end
from tests.integration.lawcycle.cycle import PROFESSIONAL, Cycle, flat
from wijk.auth.routes import route_actions

pytestmark = pytest.mark.integration
CYCLE_ACTIONS = {
    "planning.refuse", "planning.melding", "planning.plan.revise", "planning.arrangement.change", "planning.plan.close",
    "intake.term.move", "intake.default.register", "intake.penalty.determine", "backoffice.objection.judge",
    "backoffice.letters.read", "debt.admission.decide", "debt.admission.read",
}  # fmt: skip
REASONS = "De gevraagde uren gaan boven wat de dochter en de buurvrouw al wekelijks doen; dat volstaat nu."
SOME_ID = "00000000-0000-4000-8000-000000000001"


async def test_every_cycle_route_needs_a_token_and_a_role(cycle: Cycle) -> None:
    found: dict[str, str] = {}
    for name, runtime in cycle.stack.runtimes.items():
        for route, action in route_actions(runtime.http).items():  # type: ignore[arg-type]
            if action in CYCLE_ACTIONS:
                found[f"{name} {route}"] = action
    assert set(found.values()) == CYCLE_ACTIONS
    for where, action in found.items():
        service, method, path = where.split(" ", 2)
        url = path.replace("{life_domain}", "care").replace("{clock_id}", "decision:x")
        for parameter in ("plan_id", "decision_id", "case_id", "objection_id", "evaluation_id", "trajectory_id"):
            url = url.replace(f"{{{parameter}}}", SOME_ID)
        async with httpx.AsyncClient(base_url=cycle.stack.url(service)) as anonymous:
            assert (await anonymous.request(method, url)).status_code == 401, where
        council = await cycle.response(service, "raadslid", method, url)  # a council member reads aggregates only
        assert council.status_code == 403 and council.json()["action"] == action, (where, council.text)


async def test_only_a_mandate_holder_refuses_an_escalation_and_a_refusal_states_its_reasons(cycle: Cycle) -> None:
    household = await cycle.melding()
    decisions = f"/plans/{household.plan_id}/decisions"
    proposal = cycle.decision()  # by a gezinscoach (the caller below): no Wmo mandate, so it is escalated
    escalated = await cycle.call("planning", "g.el-amrani", "POST", decisions, proposal)
    assert escalated["status"] == "escalated"
    refusal = f"{decisions}/{escalated['decision_id']}/refusal"
    body = {"legal_ground": "own_strength", "reasons": REASONS}

    no_mandate = await cycle.response("planning", "m.kok", "POST", refusal, body)
    assert no_mandate.status_code == 403 and "may refuse:" in no_mandate.text, no_mandate.text
    assert "role:wmo-consulent" in no_mandate.json()["detail"], no_mandate.text
    other_team = await cycle.response("planning", "coach.jansen", "POST", refusal, body)
    assert other_team.status_code == 403 and "wijkteam-haven" in other_team.text, other_team.text
    no_reasons = await cycle.response("planning", PROFESSIONAL, "POST", refusal, {"legal_ground": "own_strength"})
    assert no_reasons.status_code == 422 and "reasons" in no_reasons.text
    too_short = await cycle.response("planning", PROFESSIONAL, "POST", refusal, body | {"reasons": "nee"})
    assert too_short.status_code == 422 and "Awb 3:46" in too_short.text, too_short.text
    direct = cycle.decision(kind="refusal", requested_amount_cents=250_000, legal_ground="no_need", amount_cents=0)
    unreasoned = await cycle.response("planning", PROFESSIONAL, "POST", decisions, direct)
    assert unreasoned.status_code == 422 and "Awb 3:46" in unreasoned.text, unreasoned.text

    refused = await cycle.call("planning", PROFESSIONAL, "POST", refusal, body)
    assert (refused["status"], refused["mandate_ref"]) == ("refused", "ALM-M-02")
    letter = flat(await cycle.found("backoffice", "backoffice", f"/decisions/{escalated['decision_id']}/letter"))
    assert "af te wijzen" in letter and f"Motivering {REASONS}" in letter and f"Almere, {PROFESSIONAL}" in letter


async def test_a_late_bezwaar_needs_the_jurists_judgement_on_its_excusability(cycle: Cycle) -> None:
    household = await cycle.melding()
    decisions = f"/plans/{household.plan_id}/decisions"
    taken = await cycle.call("planning", PROFESSIONAL, "POST", decisions, cycle.decision())
    decision = f"/decisions/{taken['decision_id']}"
    await cycle.found("backoffice", "backoffice", f"{decision}/letter")
    cycle.move_to(term_end(cycle.today(), weeks=6) + timedelta(days=1))

    grounds = {"grounds": "Ik was opgenomen in het ziekenhuis en kon niet eerder reageren."}
    late = await cycle.response("backoffice", "backoffice", "POST", f"{decision}/objections", grounds)
    assert late.status_code == 422 and "Awb 6:11" in late.text, late.text
    judged = grounds | {"excusable": False, "reasons": "Geen bewijs van de opname overgelegd."}
    not_the_jurist = await cycle.response("backoffice", "backoffice", "POST", f"{decision}/late-objections", judged)
    assert not_the_jurist.status_code == 403, not_the_jurist.text
    lodged = await cycle.call("backoffice", "jurist", "POST", f"{decision}/late-objections", judged, 201)
    assert (lodged["timely"], lodged["excused"]) == (False, False)

    path = f"{decision}/objections/{lodged['objection_id']}"
    upheld = {"outcome": "gegrond", "reasons": "Inhoudelijk heeft de bewoner gelijk."}
    refused = await cycle.response("backoffice", "jurist", "POST", f"{path}/decision", upheld)
    assert refused.status_code == 422 and "niet-ontvankelijk" in refused.text, refused.text
    inadmissible = upheld | {"outcome": "niet-ontvankelijk", "ground": "late", "reasons": "Te laat, onverschoonbaar."}
    decided = await cycle.call("backoffice", "jurist", "POST", f"{path}/decision", inadmissible)
    assert (decided["outcome"], decided["inadmissible_ground"]) == ("niet-ontvankelijk", "late")
    assert decided["revokes"] is False
    letter = flat(await cycle.call("backoffice", "jurist", "GET", f"{path}/letter"))
    assert "Uw bezwaar is niet-ontvankelijk" in letter and "Grond: Awb 6:7 en 6:11" in letter
    html = await cycle.call("backoffice", "jurist", "GET", f"{path}/letter.html")
    assert "<h1>BESLISSING OP BEZWAAR</h1>" in html and "<h2>Beroep</h2>" in html


async def test_an_evaluation_changes_the_arrangement_and_the_plan_closes_when_nothing_is_in_force(cycle: Cycle) -> None:
    household = await cycle.melding()
    plan = f"/plans/{household.plan_id}"
    first = await cycle.call("planning", PROFESSIONAL, "POST", f"{plan}/decisions", cycle.decision())
    await cycle.found("backoffice", "backoffice", f"/decisions/{first['decision_id']}/letter")
    cycle.after(30)
    results = {"results": [{"life_domain": "care", "outcome": "partly"}]}
    evaluation = await cycle.call("planning", PROFESSIONAL, "POST", f"{plan}/evaluations", results, 201)

    revised = {"goal": "the house stays liveable with less help", "own_strength": "cleans the kitchen himself"}
    revision = await cycle.call("planning", PROFESSIONAL, "POST", f"{plan}/goals/care/revisions", revised, 201)
    assert revision["revision"] == 2
    change = {"decision_id": first["decision_id"], **cycle.decision(amount_cents=150_000)}
    changes = f"{plan}/evaluations/{evaluation['evaluation_id']}/arrangement-changes"
    changed = await cycle.call("planning", PROFESSIONAL, "POST", changes, change, 201)
    assert (changed["status"], changed["replaces"]) == ("taken", first["decision_id"])
    letter = flat(await cycle.found("backoffice", PROFESSIONAL, f"/decisions/{first['decision_id']}/withdrawal-letter"))
    assert "te wijzigen met ingang van" in letter and changed["decision_id"] in letter
    assert "artikel 2.3.10 van de Wet maatschappelijke ondersteuning 2015" in letter

    closing = {"reason": "moved_away", "hand_over_to": "g.el-amrani"}
    in_force = await cycle.response("planning", PROFESSIONAL, "POST", f"{plan}/closure", closing)
    assert in_force.status_code == 409 and "still in force" in in_force.text, in_force.text
    cancellation = {"reason": "Het huishouden verhuist naar een andere gemeente."}
    await cycle.call(
        "planning", PROFESSIONAL, "POST", f"{plan}/decisions/{changed['decision_id']}/cancellation", cancellation
    )
    withdrawal = f"/decisions/{changed['decision_id']}/withdrawal-letter"
    withdrawn = flat(await cycle.found("backoffice", PROFESSIONAL, withdrawal))
    assert "in te trekken met ingang van" in withdrawn and "Reden Het huishouden verhuist" in withdrawn
    closed = await cycle.call("planning", PROFESSIONAL, "POST", f"{plan}/closure", closing)
    assert (closed["closed_on"], closed["coordinator"]) == (cycle.today().isoformat(), "g.el-amrani")
    after = await cycle.response("planning", PROFESSIONAL, "POST", f"{plan}/goals/care/revisions", revised)
    assert after.status_code == 409 and "closed" in after.text
