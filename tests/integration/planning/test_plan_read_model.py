"""Planning's read model (issue 14): `GET /plans` and `GET /plans/{id}` answer from `planning.plan_view`, written in
the transaction of the plan's events, with what the write side says; a plan without a row gets it on start."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date
from typing import Any

import pytest
from fastapi.encoders import jsonable_encoder

from contracts.events.intake import CaseOpened, ClientSupportOffered
from services.planning.application import PlanningApplication
from services.planning.views import plan_view
from tests.support.bus import Publisher
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration


async def test_the_queries_read_the_projection_and_answer_what_the_write_side_says(stack: Stack) -> None:
    household, case = uuid.uuid4(), uuid.uuid4()
    opened = CaseOpened(household_id=household, case_id=case, request_id=uuid.uuid4(), district="Almere Haven",
                        team_id="wijkteam-haven", opened_on=date(2026, 3, 2))  # fmt: skip
    offered = ClientSupportOffered(household_id=household, case_id=case, team_id="wijkteam-haven",
                                   offered_on=date(2026, 3, 3))  # fmt: skip
    async with Publisher(stack.bootstrap) as publisher:
        await publisher.publish(opened)
        await publisher.publish(offered)
    app = stack["planning"].app
    assert isinstance(app, PlanningApplication) and app.read_model

    async with stack.client("planning") as client:

        async def plans() -> list[dict[str, Any]]:
            return (await client.get("/plans", params={"household_id": str(household)})).json()  # type: ignore[no-any-return]

        [plan] = await eventually(plans, lambda found: bool(found) and bool(found[0]["client_support_offered"]))
        written = jsonable_encoder(plan_view(app.repository.get(uuid.UUID(plan["plan_id"]))))
        one = (await client.get(f"/plans/{plan['plan_id']}")).json()
        rows = await asyncio.to_thread(app._query, "SELECT version FROM planning.plan_view WHERE plan_id = %s",
                                       uuid.UUID(plan["plan_id"]))  # fmt: skip
        unknown = await client.get(f"/plans/{uuid.uuid4()}")
        raw = await client.get("/plans", params={"household_id": str(household)})
        schema = (await client.get("/openapi.json")).json()["paths"]["/plans"]["get"]["responses"]["200"]
        await asyncio.to_thread(app._query, "UPDATE planning.plan_view SET team_id = NULL WHERE plan_id = %s "
                                "RETURNING plan_id", uuid.UUID(plan["plan_id"]))  # fmt: skip
        without_team = await plans()  # a row written before the column: the team read from the view
        scope_without_team = (await client.get(f"/plans/{plan['plan_id']}")).status_code

        await asyncio.to_thread(app._query, "DELETE FROM planning.plan_view WHERE plan_id = %s RETURNING plan_id",
                                uuid.UUID(plan["plan_id"]))  # fmt: skip
        gone = await plans()
        await asyncio.to_thread(app._complete_read_model)  # what a start does
        restored = await plans()

    assert plan == one == written and plan["client_support_offered"] == {str(case): "2026-03-03"}
    assert rows == [{"version": app.repository.get(uuid.UUID(plan["plan_id"])).version}]
    assert unknown.status_code == 404
    assert raw.headers["content-type"] == "application/json" and without_team == [plan] and scope_without_team == 200
    assert schema["content"]["application/json"]["schema"]["type"] == "array"  # the raw body is still documented
    assert gone == [] and restored == [plan]
