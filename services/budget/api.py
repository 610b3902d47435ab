"""Budget's HTTP API: the state of each team's budget lines, in integer cents."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Query

from contracts.events.planning import BudgetLine
from services.budget.application import BudgetApplication


def router(app: BudgetApplication) -> APIRouter:
    api = APIRouter(tags=["budget"])

    @api.get("/budgets")
    async def lines(
        team_id: str | None = Query(None, min_length=1), year: int | None = Query(None, ge=1900, le=9999)
    ) -> list[dict[str, Any]]:
        """Budget lines with allocated, reserved, spent and remaining cents; filtered by team and year."""
        return await asyncio.to_thread(app.lines, team_id, year)

    @api.get("/budgets/{team_id}/{year}/{line}")
    async def line(team_id: str, year: int, line: BudgetLine) -> dict[str, Any]:
        return await asyncio.to_thread(app.line, team_id, year, line)

    return api
