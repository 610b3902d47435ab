"""Budget's HTTP API: each team's budget lines in integer cents, reserve draws and the year-end close."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Path, Query
from pydantic import Field

from contracts.bounds import FIRST_DAY, LAST_DAY, Cents, Code, Text
from contracts.bounds import Year as BookYear
from contracts.events.planning import BudgetLine
from kernel.clock import today
from services.budget.application import BudgetApplication
from services.budget.year_end import Actor
from wijk.auth.rights import Permit, Resource
from wijk.auth.routes import require
from wijk.request_body import RequestBody

Year = Path(ge=FIRST_DAY.year, le=LAST_DAY.year)
TeamId = Path(min_length=1, max_length=100)


class DrawRequest(RequestBody):
    team_id: Code = Field(min_length=1)
    year: BookYear
    budget_line: BudgetLine
    amount_cents: Cents = Field(gt=0, description="Integer euro cents; at most EUR 10 million per draw.")
    reason: Text = Field(min_length=1)


def team_scope(permit: Permit, team_id: str | None) -> None:
    """A team lead sees its own team's lines only; the controller every team (403 otherwise)."""
    permit.on(Resource(team=team_id))


def router(app: BudgetApplication) -> APIRouter:
    api = APIRouter(tags=["budget"])

    @api.get("/budgets")
    async def lines(
        team_id: str | None = Query(None, min_length=1, max_length=100),
        year: int | None = Query(None, ge=FIRST_DAY.year, le=LAST_DAY.year),
        permit: Permit = require("budget.read"),
    ) -> list[dict[str, Any]]:
        """Budget lines with allocated, drawn, reserved, spent, released and remaining cents."""
        team_scope(permit, team_id)
        return await asyncio.to_thread(app.lines, team_id, year)

    @api.get("/budgets/{team_id}/{year}/{line}")
    async def line(
        line: BudgetLine, team_id: str = TeamId, year: int = Year, permit: Permit = require("budget.read")
    ) -> dict[str, Any]:
        team_scope(permit, team_id)
        return await asyncio.to_thread(app.line, team_id, year, line)

    @api.get("/reserves/{year}")
    async def reserve(year: int = Year, permit: Permit = require("budget.read")) -> dict[str, Any]:
        """The municipal reserve of a year: allocated, drawn, remaining (municipality-wide: the controller)."""
        team_scope(permit, None)
        return await asyncio.to_thread(app.reserve, year)

    @api.post("/reserve-draws", status_code=201)
    async def request_draw(body: DrawRequest, permit: Permit = require("budget.reserve.request")) -> dict[str, str]:
        """A team lead asks to draw on the municipal reserve for one of its own team's lines."""
        team_scope(permit, body.team_id)
        draw_id = await asyncio.to_thread(
            app.request_draw,
            body.team_id,
            body.year,
            body.budget_line,
            body.amount_cents,
            body.reason,
            permit.actor,
            today(),
        )
        return {"draw_id": str(draw_id)}

    @api.get("/reserve-draws/{draw_id}")
    async def get_draw(draw_id: UUID, permit: Permit = require("budget.read")) -> dict[str, Any]:
        draw = await asyncio.to_thread(app.draw, draw_id)
        team_scope(permit, str(draw.get("team_id") or "") or None)
        return draw

    @api.post("/reserve-draws/{draw_id}/approval")
    async def approve_draw(draw_id: UUID, permit: Permit = require("budget.reserve.approve")) -> dict[str, Any]:
        """The controller approves a draw (403 for the requester; 409 when the reserve is short)."""
        await asyncio.to_thread(app.approve_draw, draw_id, permit.actor, permit.role, today())
        return await asyncio.to_thread(app.draw, draw_id)

    @api.post("/years/{year}/close")
    async def close_year(year: int = Year, permit: Permit = require("budget.year-close")) -> list[dict[str, Any]]:
        """The year-end close, once the year has ended: carries open reservations into the next year and
        freezes every line of the year; returns each team's statement (403 for another role than the
        controller, 409 before the year has ended or when it is closed already)."""
        actor = Actor(permit.actor, permit.caller.roles)
        return await asyncio.to_thread(app.close_year, year, actor, today())

    @api.get("/years/{year}/statements/{team_id}")
    async def statement(
        team_id: str = TeamId, year: int = Year, permit: Permit = require("budget.read")
    ) -> dict[str, Any]:
        """A team's year-end statement per line, balancing to the cent (409 until the year is closed)."""
        team_scope(permit, team_id)
        return await asyncio.to_thread(app.statement, year, team_id)

    return api
