"""Budget's HTTP API: each team's budget lines in integer cents, reserve draws and the year-end close."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from contracts.bounds import FIRST_DAY, LAST_DAY, Cents, Code, Text, Who
from contracts.bounds import Year as BookYear
from contracts.events.planning import BudgetLine
from kernel.clock import today
from services.budget.application import BudgetApplication
from services.budget.year_end import Actor

Year = Path(ge=FIRST_DAY.year, le=LAST_DAY.year)
TeamId = Path(min_length=1, max_length=100)


class DrawRequest(BaseModel):
    team_id: Code = Field(min_length=1)
    year: BookYear
    budget_line: BudgetLine
    amount_cents: Cents = Field(gt=0, description="Integer euro cents; at most EUR 10 million per draw.")
    reason: Text = Field(min_length=1)
    requested_by: Who = Field(min_length=1)


class DrawApproval(BaseModel):
    approved_by: Who = Field(min_length=1)
    role: Code = Field(min_length=1, description="Must be one of the approving roles in funding.json.")


class CloseRequest(BaseModel):
    """Who closes. Interim: the identity wave takes subject and roles from the access token instead."""

    closed_by: Who = Field(min_length=1)
    role: Code = Field(min_length=1, description="Must be one of year_close_roles in funding.json (the controller).")

    def actor(self) -> Actor:
        return Actor(self.closed_by, frozenset({self.role}))


def router(app: BudgetApplication) -> APIRouter:
    api = APIRouter(tags=["budget"])

    @api.get("/budgets")
    async def lines(
        team_id: str | None = Query(None, min_length=1, max_length=100),
        year: int | None = Query(None, ge=FIRST_DAY.year, le=LAST_DAY.year),
    ) -> list[dict[str, Any]]:
        """Budget lines with allocated, drawn, reserved, spent, released and remaining cents."""
        return await asyncio.to_thread(app.lines, team_id, year)

    @api.get("/budgets/{team_id}/{year}/{line}")
    async def line(line: BudgetLine, team_id: str = TeamId, year: int = Year) -> dict[str, Any]:
        return await asyncio.to_thread(app.line, team_id, year, line)

    @api.get("/reserves/{year}")
    async def reserve(year: int = Year) -> dict[str, Any]:
        """The municipal reserve of a year: allocated, drawn, remaining."""
        return await asyncio.to_thread(app.reserve, year)

    @api.post("/reserve-draws", status_code=201)
    async def request_draw(body: DrawRequest) -> dict[str, str]:
        """A team asks to draw on the municipal reserve for one of its lines."""
        draw_id = await asyncio.to_thread(
            app.request_draw,
            body.team_id,
            body.year,
            body.budget_line,
            body.amount_cents,
            body.reason,
            body.requested_by,
            today(),
        )
        return {"draw_id": str(draw_id)}

    @api.get("/reserve-draws/{draw_id}")
    async def get_draw(draw_id: UUID) -> dict[str, Any]:
        return await asyncio.to_thread(app.draw, draw_id)

    @api.post("/reserve-draws/{draw_id}/approval")
    async def approve_draw(draw_id: UUID, body: DrawApproval) -> dict[str, Any]:
        """Approve a draw (403 for a role that may not, or for the requester; 409 when the reserve is short)."""
        await asyncio.to_thread(app.approve_draw, draw_id, body.approved_by, body.role, today())
        return await asyncio.to_thread(app.draw, draw_id)

    @api.post("/years/{year}/close")
    async def close_year(body: CloseRequest, year: int = Year) -> list[dict[str, Any]]:
        """The year-end close, once the year has ended: carries open reservations into the next year and
        freezes every line of the year; returns each team's statement (403 for another role than the
        controller, 409 before the year has ended or when it is closed already)."""
        return await asyncio.to_thread(app.close_year, year, body.actor(), today())

    @api.get("/years/{year}/statements/{team_id}")
    async def statement(team_id: str = TeamId, year: int = Year) -> dict[str, Any]:
        """A team's year-end statement per line, balancing to the cent (409 until the year is closed)."""
        return await asyncio.to_thread(app.statement, year, team_id)

    return api
