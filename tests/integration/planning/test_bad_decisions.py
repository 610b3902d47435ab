"""Every bad input to planning's HTTP API gets a clear 4xx and records nothing."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
import pytest
from eventsourcing.persistence import Tracking

from contracts.events.intake import CaseOpened
from services.planning.application import PlanningApplication
from tests.support.stack import Stack

pytestmark = pytest.mark.integration
VALID = {
    "provision_code": "wmo-begeleiding-individueel",
    "amount_cents": 120_000,
    "period_start": "2026-04-01",
    "period_end": "2026-12-31",
    "decided_by": "j.de.vries",
}


def seed_plan(app: object) -> str:
    assert isinstance(app, PlanningApplication)
    opened = CaseOpened(
        household_id=uuid.uuid4(),
        case_id=uuid.uuid4(),
        request_id=uuid.uuid4(),
        district="Almere Haven",
        team_id="wijkteam-haven",
        opened_on=date(2026, 3, 2),
    )
    app.on_case_opened(opened, Tracking("test", 1))
    return str(app.plans_of(opened.household_id)[0]["plan_id"])


MALFORMED: list[tuple[dict[str, Any], str]] = [
    ({"amount_cents": -1}, "body.amount_cents"),
    ({"amount_cents": 12.5}, "body.amount_cents"),
    ({"amount_cents": "1000"}, "body.amount_cents"),
    ({"decided_by": ""}, "body.decided_by"),
    ({"period_start": "1 april"}, "body.period_start"),
    ({"provision_code": None}, "body.provision_code"),
]


async def test_malformed_decisions_are_refused_field_by_field(stack: Stack) -> None:
    await stack.start(["planning"])
    plan_id = seed_plan(stack["planning"].app)
    async with httpx.AsyncClient(base_url=stack.url("planning")) as client:
        for changes, field in MALFORMED:
            response = await client.post(f"/plans/{plan_id}/decisions", json={**VALID, **changes})
            assert response.status_code == 422, changes
            assert response.json()["detail"][0]["field"] == field, changes
        plan = (await client.get(f"/plans/{plan_id}")).json()
    assert plan["decisions"] == []


async def test_decisions_that_break_a_rule_get_the_reason(stack: Stack) -> None:
    await stack.start(["planning"])
    plan_id = seed_plan(stack["planning"].app)
    async with httpx.AsyncClient(base_url=stack.url("planning")) as client:
        backwards = await client.post(f"/plans/{plan_id}/decisions", json={**VALID, "period_end": "2026-03-31"})
        nobody = await client.post(f"/plans/{plan_id}/decisions", json={**VALID, "decided_by": "   "})
        unknown = await client.post(f"/plans/{plan_id}/decisions", json={**VALID, "provision_code": "gouden-kraan"})
        no_plan = await client.post(f"/plans/{uuid.uuid4()}/decisions", json=VALID)
        plan = (await client.get(f"/plans/{plan_id}")).json()
    assert backwards.status_code == 422 and "period_end 2026-03-31 is before period_start" in backwards.json()["detail"]
    assert nobody.status_code == 422 and "decided_by" in nobody.json()["detail"]
    assert unknown.status_code == 422
    assert "provision 'gouden-kraan' is not in the catalogue" in unknown.json()["detail"]
    assert no_plan.status_code == 404
    assert plan["decisions"] == []


async def test_plan_queries_with_bad_or_unknown_ids(stack: Stack) -> None:
    await stack.start(["planning"])
    async with httpx.AsyncClient(base_url=stack.url("planning")) as client:
        no_household = await client.get("/plans")
        not_a_uuid = await client.get("/plans", params={"household_id": "h-1"})
        nobody_home = await client.get("/plans", params={"household_id": str(uuid.uuid4())})
        unknown_plan = await client.get(f"/plans/{uuid.uuid4()}")
        bad_plan_id = await client.get("/plans/plan-1")
    assert no_household.status_code == 422 and no_household.json()["detail"][0]["field"] == "query.household_id"
    assert not_a_uuid.status_code == 422
    assert nobody_home.status_code == 200 and nobody_home.json() == []
    assert unknown_plan.status_code == 404
    assert bad_plan_id.status_code == 422 and bad_plan_id.json()["detail"][0]["field"] == "path.plan_id"
