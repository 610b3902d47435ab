"""From a support request to a plan, a decision and the budget's answer, across intake, planning and budget."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
WMO = 180_000_000  # wijkteam-haven's 2026 wmo budget in config/almere/municipality.json


def decision_body(cents: int, code: str = "wmo-huishoudelijke-ondersteuning") -> dict[str, Any]:
    return {
        "provision_code": code,
        "amount_cents": cents,
        "period_start": "2026-04-01",
        "period_end": "2026-12-31",
        "decided_by": "j.de.vries",
    }


def status_of(plan: dict[str, Any], decision_id: str) -> dict[str, Any]:
    return next(d for d in plan["decisions"] if d["decision_id"] == decision_id)


async def test_a_decision_is_reserved_and_a_second_beyond_the_budget_is_refused(stack: Stack) -> None:
    await stack.start(["intake", "planning", "budget"])
    async with (
        httpx.AsyncClient(base_url=stack.url("intake")) as intake,
        httpx.AsyncClient(base_url=stack.url("planning")) as planning,
        httpx.AsyncClient(base_url=stack.url("budget")) as budget,
    ):
        opened = (await intake.post("/support-requests", json={"postcode": "1353 AB", "life_domains": ["care"]})).json()

        async def plans() -> list[dict[str, Any]]:
            return (await planning.get("/plans", params={"household_id": opened["household_id"]})).json()  # type: ignore[no-any-return]

        async def plan() -> dict[str, Any]:
            return (await planning.get(f"/plans/{plan_id}")).json()  # type: ignore[no-any-return]

        async def wmo() -> dict[str, Any]:
            return (await budget.get("/budgets/wijkteam-haven/2026/wmo")).json()  # type: ignore[no-any-return]

        [drafted] = await eventually(plans, lambda found: len(found) == 1, timeout=60)
        plan_id = drafted["plan_id"]
        assert (drafted["case_id"], drafted["team_id"]) == (opened["case_id"], "wijkteam-haven")
        assert drafted["coordinator"] == "team:wijkteam-haven" and drafted["decisions"] == []

        taken = await planning.post(f"/plans/{plan_id}/decisions", json=decision_body(250_000))
        assert taken.status_code == 201, taken.text
        first = taken.json()["decision_id"]
        assert taken.json()["plan_id"] == plan_id

        line = await eventually(wmo, lambda b: b["reserved_cents"] == 250_000, timeout=60)
        assert line["remaining_cents"] == WMO - 250_000
        reserved = await eventually(plan, lambda p: status_of(p, first)["status"] == "funds_reserved", timeout=60)
        assert status_of(reserved, first)["amount_cents"] == 250_000

        second = (await planning.post(f"/plans/{plan_id}/decisions", json=decision_body(WMO))).json()["decision_id"]
        refused = await eventually(plan, lambda p: status_of(p, second)["status"] != "taken", timeout=60)
        assert status_of(refused, second) | {"decision_id": "-"} == {
            **decision_body(WMO),
            "decision_id": "-",
            "budget_line": "wmo",
            "decided_on": status_of(refused, second)["decided_on"],
            "status": "funds_refused",
            "reason": f"wijkteam-haven wmo 2026: remaining {WMO - 250_000} cents, needed {WMO}",
        }
        assert (await wmo())["reserved_cents"] == 250_000
