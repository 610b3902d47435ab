"""Outside the mandate a decision is escalated; only a mandate holder can approve it, which takes it."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.events.planning import DecisionEscalated, DecisionTaken
from contracts.topics import facts
from tests.integration.planning.bus_facts import case_opened, plan_of, set_goal, support_offered
from tests.support.bus import publish, read_facts
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
BEGELEIDING = {
    "provision_code": "wmo-begeleiding-individueel",
    "amount_cents": 700_000,  # above the wijkcoach's 600,000 (ALM-M-01), within the wmo-consulent's (ALM-M-02)
    "period_start": "2026-04-01",
    "period_end": "2026-12-31",
}
PROPOSER = "g.el-amrani"  # a gezinscoach of wijkteam-haven: a youth mandate only


async def test_an_escalation_is_refused_to_a_non_holder_and_taken_by_a_mandate_holder(stack: Stack) -> None:
    case = case_opened()
    await publish(stack.settings.kafka_bootstrap, case, support_offered(case))
    async with (
        stack.client("planning", user=PROPOSER) as client,
        stack.client("planning", user="m.kok") as colleague_client,
        stack.client("planning", user="coach.bakker") as other_team,
        stack.client("planning", user="j.de.vries") as holder,
    ):
        plan = await eventually(
            lambda: plan_of(client, case.household_id), lambda p: bool(p) and bool(p["client_support_offered"]), 60
        )
        plan_id = plan["plan_id"]
        await set_goal(client, plan_id, "care")

        escalated = await client.post(f"/plans/{plan_id}/decisions", json=BEGELEIDING)
        assert escalated.status_code == 202, escalated.text
        body = escalated.json()
        decision_id = body["decision_id"]
        assert body["status"] == "escalated" and f"{PROPOSER} (gezinscoach) holds no mandate" in body["reason"]
        approval = f"/plans/{plan_id}/decisions/{decision_id}/approval"

        colleague = await colleague_client.post(approval)  # the same team, no mandate
        stranger = await other_team.post(approval)  # a mandate holder, of another team
        own = await client.post(approval)  # the proposer approves nothing of its own
        approved = await holder.post(approval)
        again = await holder.post(approval)
        state: dict[str, Any] = (await client.get(f"/plans/{plan_id}")).json()

    assert colleague.status_code == 403 and "m.kok holds no mandate" in colleague.json()["detail"]
    assert stranger.status_code == 403 and stranger.json()["rule"] == "professional@own-team"
    assert own.status_code == 403
    assert approved.status_code == 200, approved.text
    assert (approved.json()["status"], approved.json()["mandate_ref"]) == ("taken", "ALM-M-02")
    assert again.status_code == 409 and "not waiting for approval" in again.json()["detail"]
    [decision] = state["decisions"]
    assert (decision["decided_by"], decision["escalated"]) == ("j.de.vries", True)
    assert decision["status"] not in {"escalated", "refused"}, decision  # taken, and budget may already have reserved

    published = await read_facts(stack.bootstrap, facts("planning"), 4, of=[case.household_id])
    [escalation] = [f for f in published if isinstance(f, DecisionEscalated)]
    [taken] = [f for f in published if isinstance(f, DecisionTaken)]
    assert str(escalation.decision_id) == str(taken.decision_id) == decision_id
    assert (escalation.proposed_by, escalation.amount_cents) == (PROPOSER, 700_000)
    assert (taken.decided_by, taken.proposed_by, taken.escalated, taken.mandate_ref) == (
        "j.de.vries",
        PROPOSER,
        True,
        "ALM-M-02",
    )
    assert taken.on_behalf_of == "het college van burgemeester en wethouders van Almere"
