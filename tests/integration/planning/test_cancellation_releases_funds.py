"""Decide, reserve, cancel: the plan shows the decision cancelled, budget releases the reservation and publishes
FundsReleased for it (the line's arithmetic for a release is tests/application/test_budget.py's)."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.events.budget import FundsReleased, FundsReserved
from contracts.topics import facts
from tests.integration.planning.bus_facts import case_opened, plan_of, set_goal, support_offered
from tests.support.bus import facts_now, publish
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
DECISION = {
    "provision_code": "wmo-huishoudelijke-ondersteuning",
    "amount_cents": 250_000,
    "period_start": "2026-04-01",
    "period_end": "2026-12-31",
}


def status_of(plan: dict[str, Any], decision_id: str) -> dict[str, Any]:
    return next(d for d in plan["decisions"] if d["decision_id"] == decision_id)


async def test_a_cancelled_decision_gives_its_reservation_back(stack: Stack) -> None:
    bootstrap = stack.bootstrap
    case = case_opened()
    await publish(bootstrap, case, support_offered(case))
    async with stack.client("planning", user="t.visser") as planning:  # the team lead of wijkteam-haven

        async def budget_facts() -> list[Any]:
            return await facts_now(bootstrap, facts("budget"), of=[case.household_id])

        async def plan() -> dict[str, Any]:
            return (await planning.get(f"/plans/{plan_id}")).json()  # type: ignore[no-any-return]

        drafted = await eventually(
            lambda: plan_of(planning, case.household_id), lambda p: bool(p) and bool(p["client_support_offered"]), 60
        )
        plan_id = drafted["plan_id"]
        await set_goal(planning, plan_id, "care")
        taken = await planning.post(f"/plans/{plan_id}/decisions", json=DECISION)
        assert taken.status_code == 201, taken.text
        decision_id = taken.json()["decision_id"]
        [reserved] = await eventually(budget_facts, bool, timeout=60)
        assert isinstance(reserved, FundsReserved) and (str(reserved.decision_id), reserved.amount_cents) == (
            decision_id,
            250_000,
        )

        cancel = {"reason": "the household moved to another municipality"}
        answer = await planning.post(f"/plans/{plan_id}/decisions/{decision_id}/cancellation", json=cancel)
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"decision_id": decision_id, "plan_id": plan_id, "status": "cancelled"}

        outcomes = await eventually(budget_facts, lambda found: len(found) == 2, timeout=60)
        shown = status_of(await plan(), decision_id)  # the reservation learned meanwhile does not undo it
        assert (shown["status"], shown["reason"]) == ("cancelled", cancel["reason"])

    [fact] = [f for f in outcomes if isinstance(f, FundsReleased)]
    assert (str(fact.decision_id), fact.amount_cents, fact.budget_line, fact.year) == (
        decision_id,
        250_000,
        "wmo",
        2026,
    )
    assert fact.reason.startswith("decision cancelled on ") and fact.reason.endswith(" by t.visser")
    assert fact.household_id == case.household_id
