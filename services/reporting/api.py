"""Reporting's HTTP API: the council's figures per team and for the municipality, optionally as of a moment."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import asyncpg
from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from services.reporting import queries
from services.reporting.page import render_page
from services.reporting.report import (
    FactCount,
    MunicipalitySummary,
    TeamSummary,
    UnknownTeam,
    as_of_instant,
    fact_count,
    municipality,
    team_summaries,
)

AsOf = Annotated[
    datetime | None,
    Query(
        description="Only count facts that occurred at or before this ISO 8601 moment; "
        "without a time zone it is read as Europe/Amsterdam time.",
        examples=["2025-12-31T23:59:59+01:00"],
    ),
]


def router(pool: asyncpg.Pool) -> APIRouter:
    api = APIRouter(tags=["reporting"])

    async def teams(as_of: datetime | None, team_id: str | None = None) -> list[TeamSummary]:
        counts = await queries.team_type_counts(pool, as_of, team_id)
        budgets = await queries.budget_lines(pool, as_of, team_id)
        return team_summaries(counts, budgets)

    @api.get("/teams", response_model=list[TeamSummary], summary="Figures per team")
    async def list_teams(as_of: AsOf = None) -> list[TeamSummary]:
        return await teams(as_of_instant(as_of))

    @api.get(
        "/teams/{team_id}",
        response_model=TeamSummary,
        summary="One team's figures",
        responses={404: {"description": "No fact (as of that moment) belongs to this team."}},
    )
    async def get_team(team_id: str, as_of: AsOf = None) -> TeamSummary:
        """404 when no fact (as of that moment) belongs to the team."""
        found = await teams(as_of_instant(as_of), team_id)
        if not found:
            raise UnknownTeam(f"no facts for team {team_id!r}")
        return found[0]

    @api.get("/summary", response_model=MunicipalitySummary, summary="The municipality's totals")
    async def summary(as_of: AsOf = None) -> MunicipalitySummary:
        moment = as_of_instant(as_of)
        return municipality(await teams(moment), moment)

    @api.get("/facts/count", response_model=FactCount, summary="Facts recorded, per type")
    async def count_facts(as_of: AsOf = None) -> FactCount:
        return fact_count(await queries.facts_by_type(pool, as_of_instant(as_of)))

    @api.get("/", response_class=HTMLResponse, summary="A page with the figures per team")
    async def page(as_of: AsOf = None) -> str:
        moment = as_of_instant(as_of)
        return render_page(await teams(moment), moment)

    return api
