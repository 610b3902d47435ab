"""A plan on the bus, a decision under mandate and the budget's answer: reserved (with the real budget service),
or refused, which the plan learns and shows with the reason."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from contracts.events.budget import FundsRefused
from tests.integration.planning.bus_facts import case_opened, plan_of, set_goal, support_offered
from tests.support.bus import Publisher, publish
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
WMO = 180_000_000  # wijkteam-haven's 2026 wmo budget in config/almere/municipality.json


def decision_body(cents: int, code: str = "wmo-huishoudelijke-ondersteuning") -> dict[str, Any]:
    return {
        "provision_code": code,
        "amount_cents": cents,
        "period_start": "2026-04-01",
        "period_end": "2026-12-31",
        "decided_by": "t.visser",
    }


def status_of(plan: dict[str, Any], decision_id: str) -> dict[str, Any]:
    return next(d for d in plan["decisions"] if d["decision_id"] == decision_id)


async def test_a_decision_taken_in_the_plan_is_reserved_by_budget(stack: Stack) -> None:
    await stack.start(["planning", "budget"])
    case = case_opened()
    await publish(stack.settings.kafka_bootstrap, case, support_offered(case))
    async with (
        httpx.AsyncClient(base_url=stack.url("planning")) as planning,
        httpx.AsyncClient(base_url=stack.url("budget")) as budget,
    ):

        async def plan() -> dict[str, Any]:
            return (await planning.get(f"/plans/{plan_id}")).json()  # type: ignore[no-any-return]

        async def wmo() -> dict[str, Any]:
            return (await budget.get("/budgets/wijkteam-haven/2026/wmo")).json()  # type: ignore[no-any-return]

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

        line = await eventually(wmo, lambda b: b["reserved_cents"] == 250_000, timeout=60)
        assert line["remaining_cents"] == WMO - 250_000
        reserved = await eventually(plan, lambda p: status_of(p, first)["status"] == "funds_reserved", timeout=60)
        assert status_of(reserved, first)["amount_cents"] == 250_000

        assert (await wmo())["reserved_cents"] == 250_000


async def test_a_refusal_by_budget_is_learned_and_shown_with_its_reason(stack: Stack) -> None:
    await stack.start(["planning"])
    case = case_opened()
    reason = "wijkteam-haven wmo 2026: remaining 1000 cents, needed 250000"
    async with (
        Publisher(stack.settings.kafka_bootstrap) as publisher,
        httpx.AsyncClient(base_url=stack.url("planning")) as planning,
    ):
        await publisher.publish(case)
        await publisher.publish(support_offered(case))
        drafted = await eventually(
            lambda: plan_of(planning, case.household_id), lambda p: bool(p) and bool(p["client_support_offered"]), 60
        )
        plan_id = drafted["plan_id"]
        await set_goal(planning, plan_id, "care")
        decision_id = (await planning.post(f"/plans/{plan_id}/decisions", json=decision_body(250_000))).json()[
            "decision_id"
        ]
        await publisher.publish(
            FundsRefused(
                household_id=case.household_id,
                decision_id=decision_id,
                plan_id=plan_id,
                team_id="wijkteam-haven",
                year=2026,
                budget_line="wmo",
                amount_cents=250_000,
                reason=reason,
            )
        )

        async def plan() -> dict[str, Any]:
            return (await planning.get(f"/plans/{plan_id}")).json()  # type: ignore[no-any-return]

        refused = await eventually(plan, lambda p: status_of(p, decision_id)["status"] != "taken", timeout=60)
    assert (status_of(refused, decision_id)["status"], status_of(refused, decision_id)["reason"]) == (
        "funds_refused",
        reason,
    )
