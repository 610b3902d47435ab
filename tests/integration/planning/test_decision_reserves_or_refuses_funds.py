"""A plan on the bus, a decision under mandate and the budget's answer from the real budget service: reserved, or
refused, which the plan learns and shows with the reason."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.events.budget import FundsReserved
from contracts.topics import facts
from kernel.clock import today
from tests.integration.planning.bus_facts import case_opened, plan_of, set_goal, support_offered
from tests.support.bus import publish, read_facts
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
NO_BUDGET_YEAR = today().year + 5  # beyond every year budget allocates


def decision_body(cents: int, year: int = 2026) -> dict[str, Any]:
    return {
        "provision_code": "wmo-huishoudelijke-ondersteuning",
        "amount_cents": cents,
        "period_start": f"{year}-04-01",
        "period_end": f"{year}-12-31",
    }


def status_of(plan: dict[str, Any], decision_id: str) -> dict[str, Any]:
    return next(d for d in plan["decisions"] if d["decision_id"] == decision_id)


async def test_a_decision_taken_in_the_plan_is_reserved_by_budget(stack: Stack) -> None:
    case = case_opened()
    await publish(stack.bootstrap, case, support_offered(case))
    async with stack.client("planning", user="t.visser") as planning:

        async def plan() -> dict[str, Any]:
            return (await planning.get(f"/plans/{plan_id}")).json()  # type: ignore[no-any-return]

        drafted = await eventually(
            lambda: plan_of(planning, case.household_id), lambda p: bool(p) and bool(p["client_support_offered"]), 60
        )
        plan_id = drafted["plan_id"]
        assert (drafted["case_id"], drafted["team_id"]) == (str(case.case_id), "wijkteam-haven")
        assert drafted["coordinator"] == "team:wijkteam-haven" and drafted["decisions"] == []
        await set_goal(planning, plan_id, "care")

        taken = await planning.post(f"/plans/{plan_id}/decisions", json=decision_body(250_000))
        assert taken.status_code == 201, taken.text
        assert (taken.json()["status"], taken.json()["mandate_ref"]) == ("taken", "ALM-M-05")
        first = taken.json()["decision_id"]

        reserved = await eventually(plan, lambda p: status_of(p, first)["status"] == "funds_reserved", timeout=60)
        assert status_of(reserved, first)["amount_cents"] == 250_000
    [funds] = await read_facts(stack.bootstrap, facts("budget"), 1, of=[case.household_id])
    assert isinstance(funds, FundsReserved) and (str(funds.decision_id), funds.amount_cents) == (first, 250_000)


async def test_a_refusal_by_budget_is_learned_and_shown_with_its_reason(stack: Stack) -> None:
    case = case_opened()
    reason = f"wijkteam-haven wmo {NO_BUDGET_YEAR}: no budget allocated"
    async with stack.client("planning", user="t.visser") as planning:
        await publish(stack.bootstrap, case, support_offered(case))
        drafted = await eventually(
            lambda: plan_of(planning, case.household_id), lambda p: bool(p) and bool(p["client_support_offered"]), 60
        )
        plan_id = drafted["plan_id"]
        await set_goal(planning, plan_id, "care")
        body = decision_body(250_000, year=NO_BUDGET_YEAR)  # a year budget has no money for: it refuses
        decision_id = (await planning.post(f"/plans/{plan_id}/decisions", json=body)).json()["decision_id"]

        async def plan() -> dict[str, Any]:
            return (await planning.get(f"/plans/{plan_id}")).json()  # type: ignore[no-any-return]

        refused = await eventually(plan, lambda p: status_of(p, decision_id)["status"] != "taken", timeout=60)
    assert (status_of(refused, decision_id)["status"], status_of(refused, decision_id)["reason"]) == (
        "funds_refused",
        reason,
    )
