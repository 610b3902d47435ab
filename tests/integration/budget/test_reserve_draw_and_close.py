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
TEAM_LEAD = "t.visser"  # team lead of wijkteam-haven in Almere's mandate register
DRAW = {
    "team_id": "wijkteam-haven",
    "year": 2026,
    "budget_line": "youth",
    "amount_cents": 1_000_000,
    "reason": "Crisisplaatsing jeugd boven de begroting",
}


async def test_a_reserve_draw_needs_an_approving_role_and_adds_to_the_line(stack: Stack) -> None:
    """The team lead requests for the own team; the controller approves (the token's caller, never a body field);
    a coach, the requester and a team lead for another team are refused."""
    async with (
        stack.client("budget") as controller,
        stack.client("budget", user=TEAM_LEAD) as lead,
        stack.client("budget", user="coach.jansen") as coach,
    ):
        before = (await controller.get("/budgets/wijkteam-haven/2026/youth")).json()
        reserve_before = (await controller.get("/reserves/2026")).json()
        other_team = await lead.post("/reserve-draws", json={**DRAW, "team_id": "wijkteam-poort"})
        requested = await lead.post("/reserve-draws", json=DRAW)
        assert requested.status_code == 201
        path = f"/reserve-draws/{requested.json()['draw_id']}/approval"
        by_coach = await coach.post(path)
        by_requester = await lead.post(path)
        assert by_coach.status_code == by_requester.status_code == 403
        assert by_requester.json()["rule"] == "controller"
        approved = await controller.post(path)
        assert approved.status_code == 200 and approved.json()["status"] == "approved"
        again = await controller.post(path)
        assert again.status_code == 409
        after = (await controller.get("/budgets/wijkteam-haven/2026/youth")).json()
        reserve = (await controller.get("/reserves/2026")).json()
        too_big = await lead.post("/reserve-draws", json={**DRAW, "amount_cents": reserve["remaining_cents"] + 1})
        refused = await controller.post(f"/reserve-draws/{too_big.json()['draw_id']}/approval")
    assert other_team.status_code == 403 and "wijkteam-poort" in other_team.json()["detail"]
    assert requested.json().keys() == {"draw_id"}
    assert after["remaining_cents"] - before["remaining_cents"] == 1_000_000
    assert after["reserve_draws_cents"] - before["reserve_draws_cents"] == 1_000_000
    assert reserve["drawn_cents"] - reserve_before["drawn_cents"] == 1_000_000
    assert reserve["remaining_cents"] == reserve_before["remaining_cents"] - 1_000_000
    assert refused.status_code == 409 and f"remaining {reserve['remaining_cents']} cents" in refused.json()["detail"]
    draw_id = uuid.UUID(requested.json()["draw_id"])

    async def approvals() -> list[ReserveDrawApproved]:
        published = await facts_now(stack.bootstrap, facts("budget"), of=["team:wijkteam-haven"])
        return [f for f in published if isinstance(f, ReserveDrawApproved) and f.draw_id == draw_id]

    [fact] = await eventually(approvals, bool)
    assert (fact.team_id, fact.amount_cents, fact.approved_by) == ("wijkteam-haven", 1_000_000, "controller")
    assert fact.role == "controller"
    async with stack.client("budget") as client:
        draw = (await client.get(f"/reserve-draws/{draw_id}")).json()
    assert draw["requested_by"] == TEAM_LEAD  # the team lead's id in the mandate register, from the token


async def test_bad_draws_and_closes_get_a_clear_4xx(stack: Stack) -> None:
    async with stack.client("budget") as client, stack.client("budget", user=TEAM_LEAD) as lead:
        negative = await lead.post("/reserve-draws", json={**DRAW, "amount_cents": -5})
        bad_line = await lead.post("/reserve-draws", json={**DRAW, "budget_line": "cash"})
        no_line = await lead.post("/reserve-draws", json={**DRAW, "year": today().year + 5})
        no_draw = await client.post(f"/reserve-draws/{uuid.uuid4()}/approval")
        bad_id = await client.get("/reserve-draws/not-a-uuid")
        no_reserve = await client.get(f"/reserves/{today().year + 5}")
        open_statement = await client.get("/years/2026/statements/wijkteam-haven")
        no_year = await client.post(f"/years/{today().year + 5}/close")
        bad_year = await client.post("/years/soon/close")
    assert negative.status_code == bad_line.status_code == bad_id.status_code == bad_year.status_code == 422
    assert negative.json()["detail"][0]["field"] == "body.amount_cents"
    assert no_line.status_code == no_draw.status_code == no_reserve.status_code == no_year.status_code == 404
    assert open_statement.status_code == 409 and "not closed yet" in open_statement.json()["detail"]
