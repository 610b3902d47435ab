"""Reporting's JSON API: every figure of the accountability report, for a team, a district and a period, as of
any moment. The OpenAPI document is at /openapi.json, browsable at /docs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from contracts.bounds import FIRST_DAY, LAST_DAY, Day, Moment
from services.reporting import queries
from services.reporting.assemble import Reports
from services.reporting.filters import InvalidFilter, ReportFilter
from services.reporting.report import (
    FactCount,
    MunicipalitySummary,
    TeamSummary,
    UnknownTeam,
    as_of_instant,
    fact_count,
    municipality,
)
from services.reporting.sections import (
    Accountability,
    BudgetSection,
    ClientSupportTeam,
    DebtSection,
    DecisionSection,
    FeedbackRow,
    SatisfactionSection,
    SignalSection,
    TermSection,
)
from services.reporting.sections_cycle import CycleSection
from wijk.auth.routes import require

AsOf = Annotated[
    Moment | None,
    Query(
        description="Only count facts that occurred at or before this ISO 8601 moment, from 2000 to 2100; "
        "without a time zone it is read as Europe/Amsterdam time.",
        examples=["2025-12-31T23:59:59+01:00"],
    ),
]


def report_filter(
    as_of: AsOf = None,
    team: Annotated[str | None, Query(max_length=100, description="Only this team's facts (a team id).")] = None,
    district: Annotated[
        str | None, Query(max_length=100, description="Only facts of this district's households.")
    ] = None,
    period_from: Annotated[Day | None, Query(description="First day of the period (each fact's own day).")] = None,
    period_to: Annotated[Day | None, Query(description="Last day of the period.")] = None,
    year: Annotated[
        int | None, Query(ge=FIRST_DAY.year, le=LAST_DAY.year, description="Shorthand for 1 Jan to 31 Dec.")
    ] = None,
) -> ReportFilter:
    """The filter every report takes; a period that ends before it starts, or a year with a period, is a 422."""
    if year is not None:
        if period_from is not None or period_to is not None:
            raise InvalidFilter("give a year or a period (period_from, period_to), not both")
        return ReportFilter.of_year(year, as_of=as_of_instant(as_of), team_id=team, district=district)
    return ReportFilter(as_of_instant(as_of), team, district, period_from, period_to)


Filter = Annotated[ReportFilter, Depends(report_filter)]


def router(reports: Reports) -> APIRouter:
    api = APIRouter(tags=["reporting"], dependencies=[require("reporting.read")])  # aggregates: council, controller

    @api.get("/teams", response_model=list[TeamSummary], summary="Figures per team")
    async def list_teams(where: Filter) -> list[TeamSummary]:
        return await reports.teams(where)

    @api.get(
        "/teams/{team_id}",
        response_model=TeamSummary,
        summary="One team's figures",
        responses={404: {"description": "No fact (as of that moment) belongs to this team."}},
    )
    async def get_team(where: Filter, team_id: str = Path(max_length=100)) -> TeamSummary:
        """404 when no fact (as of that moment) belongs to the team."""
        found = await reports.teams(
            ReportFilter(where.as_of, team_id, where.district, where.period_from, where.period_to)
        )
        if not found:
            raise UnknownTeam(f"no facts for team {team_id!r}")
        return found[0]

    @api.get("/summary", response_model=MunicipalitySummary, summary="The municipality's totals")
    async def summary(where: Filter) -> MunicipalitySummary:
        return municipality(await reports.teams(where), where.as_of)

    @api.get("/facts/count", response_model=FactCount, summary="Facts recorded, per type")
    async def count_facts(as_of: AsOf = None) -> FactCount:
        return fact_count(await queries.facts_by_type(reports.pool, as_of_instant(as_of)))

    @api.get("/report", response_model=Accountability, summary="The whole accountability report")
    async def whole(where: Filter) -> Accountability:
        return await reports.accountability(where)

    @api.get("/report/budget", response_model=BudgetSection, summary="Allocated, reserved, spent, remaining")
    async def budget(where: Filter) -> BudgetSection:
        """Per team, year and line; a district selects the team that serves it; a period selects budget years."""
        return await reports.budget(where)

    @api.get("/report/decisions", response_model=DecisionSection, summary="Decisions, mandates and deviations")
    async def decisions(where: Filter) -> DecisionSection:
        return await reports.decisions(where)

    @api.get("/report/terms", response_model=TermSection, summary="Lead times against the statutory terms")
    async def terms(where: Filter) -> TermSection:
        return await reports.terms(where)

    @api.get("/report/cycle", response_model=CycleSection, summary="Refusals, bezwaren, dwangsommen, terms per team")
    async def cycle(where: Filter) -> CycleSection:
        """The law cycle (issue 17): the share of statutory terms met per team and term; refusals per team,
        provision and legal ground; bezwaren per team, provision, kind of beschikking and outcome; notices of
        default and penalties (Awb 4:17, 4:18) per team."""
        return await reports.cycle(where)

    @api.get("/report/debt", response_model=DebtSection, summary="Cases with debts and how early they were found")
    async def debt(where: Filter) -> DebtSection:
        return await reports.debt(where)

    @api.get("/report/client-support", response_model=list[ClientSupportTeam], summary="Client support")
    async def client_support(where: Filter) -> list[ClientSupportTeam]:
        """Offered (Wmo 2015 art. 2.3.2 lid 3) and chosen: a volunteer, a professional, or none."""
        return await reports.client_support(where)

    @api.get("/report/signals", response_model=SignalSection, summary="Partner signals per type and district")
    async def signals(where: Filter) -> SignalSection:
        return await reports.signals(where)

    @api.get("/report/feedback", response_model=list[FeedbackRow], summary="Providers' feedback on plans")
    async def feedback(where: Filter) -> list[FeedbackRow]:
        return await reports.feedback(where)

    @api.get("/report/satisfaction", response_model=SatisfactionSection, summary="Client satisfaction per team")
    async def satisfaction(where: Filter) -> SatisfactionSection:
        return await reports.satisfaction(where)

    return api
