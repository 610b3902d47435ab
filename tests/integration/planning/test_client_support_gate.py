"""No decision until intake's client-support offer is on record; provider feedback and evaluation close the loop."""

from __future__ import annotations

import uuid

import pytest

from contracts.events.care import PlanFeedbackGiven
from tests.integration.planning.bus_facts import case_opened, plan_of, set_goal, support_offered
from tests.support.bus import Publisher
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
HELP = {
    "provision_code": "wmo-huishoudelijke-ondersteuning",
    "amount_cents": 240_000,
    "period_start": "2026-04-01",
    "period_end": "2026-12-31",
}


async def test_a_decision_is_refused_until_client_support_is_offered(stack: Stack) -> None:
    case = case_opened(team_id="wijkteam-stad")
    async with (
        Publisher(stack.settings.kafka_bootstrap) as publisher,
        stack.client("planning", user="coach.jansen") as client,  # a wijkcoach of wijkteam-stad
    ):
        await publisher.publish(case)
        plan = await eventually(lambda: plan_of(client, case.household_id), lambda p: bool(p), 60)
        plan_id = plan["plan_id"]
        await set_goal(client, plan_id, "care")

        refused = await client.post(f"/plans/{plan_id}/decisions", json=HELP)
        assert refused.status_code == 409, refused.text
        assert refused.json()["error"] == "client_support_missing"
        assert "no client-support offer is on record" in refused.json()["detail"]
        assert (await client.get(f"/plans/{plan_id}")).json()["decisions"] == []

        await publisher.publish(support_offered(case))
        await eventually(
            lambda: plan_of(client, case.household_id), lambda p: bool(p) and bool(p["client_support_offered"])
        )
        taken = await client.post(f"/plans/{plan_id}/decisions", json=HELP)
        assert taken.status_code == 201, taken.text

        feedback = PlanFeedbackGiven(
            household_id=case.household_id,
            assignment_id=uuid.uuid4(),
            provider_id="zorg-flevoland",
            plan_fits=False,
            remarks="two hours a week is not enough",
        )
        await publisher.publish(feedback)
        with_feedback = await eventually(
            lambda: plan_of(client, case.household_id), lambda p: bool(p) and bool(p["provider_feedback"]), 60
        )
        [attached] = with_feedback["provider_feedback"]
        assert (attached["provider_id"], attached["plan_fits"]) == ("zorg-flevoland", False)
        assert attached["remarks"] == "two hours a week is not enough"

        evaluated = await client.post(
            f"/plans/{plan_id}/evaluations",
            json={"results": [{"life_domain": "care", "outcome": "partly"}]},
        )
        handover = await client.post(f"/plans/{plan_id}/coordinator", json={"coordinator": "g.el-amrani"})
        final = (await client.get(f"/plans/{plan_id}")).json()
    assert evaluated.status_code == 201 and handover.status_code == 204
    assert final["goals"][0]["outcome"] == "partly" and final["coordinator"] == "g.el-amrani"
