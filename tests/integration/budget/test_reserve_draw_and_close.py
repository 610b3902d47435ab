"""Reserve draws over HTTP (request, refused and approved approvals), and the year-end close with its refusals."""

from __future__ import annotations

import uuid

import pytest

from contracts.events.budget import ReserveDrawApproved
from contracts.topics import facts
from kernel.clock import today
from tests.support.bus import facts_now
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
DRAW = {
    "team_id": "wijkteam-poort",
    "year": 2026,
    "budget_line": "youth",
    "amount_cents": 1_000_000,
    "reason": "Crisisplaatsing jeugd boven de begroting",
    "requested_by": "t.teamleider",
}


async def test_a_reserve_draw_needs_an_approving_role_and_adds_to_the_line(stack: Stack) -> None:
    async with stack.client("budget") as client:
        before = (await client.get("/budgets/wijkteam-poort/2026/youth")).json()
        reserve_before = (await client.get("/reserves/2026")).json()
        requested = await client.post("/reserve-draws", json=DRAW)
        assert requested.status_code == 201
        path = f"/reserve-draws/{requested.json()['draw_id']}/approval"
        coach = await client.post(path, json={"approved_by": "j.coach", "role": "wijkcoach"})
        own = await client.post(path, json={"approved_by": "t.teamleider", "role": "manager-sociaal-domein"})
        assert coach.status_code == own.status_code == 403
        approved = await client.post(path, json={"approved_by": "m.manager", "role": "manager-sociaal-domein"})
        assert approved.status_code == 200 and approved.json()["status"] == "approved"
        again = await client.post(path, json={"approved_by": "m.manager", "role": "manager-sociaal-domein"})
        assert again.status_code == 409
        after = (await client.get("/budgets/wijkteam-poort/2026/youth")).json()
        reserve = (await client.get("/reserves/2026")).json()
        too_big = await client.post("/reserve-draws", json={**DRAW, "amount_cents": reserve["remaining_cents"] + 1})
        refused = await client.post(
            f"/reserve-draws/{too_big.json()['draw_id']}/approval",
            json={"approved_by": "c.controller", "role": "controller-sociaal-domein"},
        )
    assert after["remaining_cents"] - before["remaining_cents"] == 1_000_000
    assert after["reserve_draws_cents"] - before["reserve_draws_cents"] == 1_000_000
    assert reserve["drawn_cents"] - reserve_before["drawn_cents"] == 1_000_000
    assert reserve["remaining_cents"] == reserve_before["remaining_cents"] - 1_000_000
    assert refused.status_code == 409 and f"remaining {reserve['remaining_cents']} cents" in refused.json()["detail"]
    draw_id = uuid.UUID(requested.json()["draw_id"])

    async def approvals() -> list[ReserveDrawApproved]:
        published = await facts_now(stack.bootstrap, facts("budget"), of=["team:wijkteam-poort"])
        return [f for f in published if isinstance(f, ReserveDrawApproved) and f.draw_id == draw_id]

    [fact] = await eventually(approvals, bool)
    assert (fact.team_id, fact.amount_cents, fact.approved_by) == ("wijkteam-poort", 1_000_000, "m.manager")


async def test_bad_draws_and_closes_get_a_clear_4xx(stack: Stack) -> None:
    async with stack.client("budget") as client:
        negative = await client.post("/reserve-draws", json={**DRAW, "amount_cents": -5})
        bad_line = await client.post("/reserve-draws", json={**DRAW, "budget_line": "cash"})
        no_line = await client.post("/reserve-draws", json={**DRAW, "year": today().year + 5})
        no_draw = await client.post(f"/reserve-draws/{uuid.uuid4()}/approval", json={"approved_by": "a", "role": "b"})
        bad_id = await client.get("/reserve-draws/not-a-uuid")
        no_reserve = await client.get(f"/reserves/{today().year + 5}")
        open_statement = await client.get("/years/2026/statements/wijkteam-haven")
        controller = {"closed_by": "c.controller", "role": "controller-sociaal-domein"}
        no_year = await client.post(f"/years/{today().year + 5}/close", json=controller)
        bad_year = await client.post("/years/soon/close", json=controller)
    assert negative.status_code == bad_line.status_code == bad_id.status_code == bad_year.status_code == 422
    assert negative.json()["detail"][0]["field"] == "body.amount_cents"
    assert no_line.status_code == no_draw.status_code == no_reserve.status_code == no_year.status_code == 404
    assert open_statement.status_code == 409 and "not closed yet" in open_statement.json()["detail"]
