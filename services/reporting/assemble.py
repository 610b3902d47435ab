"""Runs every report query for one filter and assembles the accountability report from the rows."""

from __future__ import annotations

from services.reporting import queries, queries_budget, queries_cases, queries_cycle, queries_decisions, queries_terms
from services.reporting.context import MunicipalityContext
from services.reporting.figures_cases import (
    client_support,
    debt_section,
    feedback,
    satisfaction_section,
    signal_section,
    term_section,
)
from services.reporting.figures_cycle import cycle_section
from services.reporting.figures_money import budget_section, decision_section
from services.reporting.filters import ReportFilter
from services.reporting.queries import Db, Rows, fetch
from services.reporting.report import TeamSummary, municipality, team_summaries
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


class Reports:
    """Every report of one municipality, on one pool."""

    def __init__(self, pool: Db, context: MunicipalityContext) -> None:
        self.pool, self.context = pool, context

    def _budget_args(self, where: ReportFilter) -> tuple[object, ...]:
        first, last = where.years
        return (where.as_of, self.context.budget_team(where.team_id, where.district), None, first, last)

    async def teams(self, where: ReportFilter) -> list[TeamSummary]:
        counts = await queries.team_type_counts(self.pool, where)
        lines = await fetch(self.pool, queries_budget.BUDGET_LINES, *self._budget_args(where))
        return team_summaries(counts, lines)

    async def budget(self, where: ReportFilter) -> BudgetSection:
        lines = await fetch(self.pool, queries_budget.BUDGET_LINES, *self._budget_args(where))
        months = await fetch(self.pool, queries_budget.MONTHLY, *self._budget_args(where))
        return budget_section(lines, months, self.context.team_districts)

    async def decisions(self, where: ReportFilter) -> DecisionSection:
        args = where.args()
        return decision_section(
            await fetch(self.pool, queries_decisions.BY_PROVISION, *args),
            await fetch(self.pool, queries_decisions.BY_MANDATE, *args),
            (await fetch(self.pool, queries_decisions.ESCALATIONS, *args))[0],
            await fetch(self.pool, queries_decisions.DEVIATIONS, *args),
        )

    async def terms(self, where: ReportFilter, rows: Rows | None = None) -> TermSection:
        rows = rows if rows is not None else await fetch(self.pool, queries_terms.TERMS, *where.args())
        return term_section(rows, where.reference_day)

    async def cycle(self, where: ReportFilter, terms: Rows | None = None) -> CycleSection:
        """The law cycle (issue 17): terms met per team, refusals, bezwaren per outcome, dwangsommen."""
        args = where.args()
        return cycle_section(
            terms if terms is not None else await fetch(self.pool, queries_terms.TERMS, *args),
            await fetch(self.pool, queries_cycle.REFUSALS, *args),
            await fetch(self.pool, queries_cycle.OBJECTIONS, *args),
            await fetch(self.pool, queries_cycle.PENALTIES, *args),
            where.reference_day,
        )

    async def debt(self, where: ReportFilter) -> DebtSection:
        return debt_section(await fetch(self.pool, queries_cases.DEBT_FOUND, *where.args()))

    async def client_support(self, where: ReportFilter) -> list[ClientSupportTeam]:
        return client_support(await fetch(self.pool, queries_cases.CLIENT_SUPPORT, *where.args()))

    async def signals(self, where: ReportFilter) -> SignalSection:
        args = where.args()
        return signal_section(
            await fetch(self.pool, queries_cases.SIGNALS, *args),
            await fetch(self.pool, queries_cases.HELP_OFFERED, *args),
            await fetch(self.pool, queries_cases.SIGNALS_REJECTED, *args),
            self.context.partner_type,
        )

    async def feedback(self, where: ReportFilter) -> list[FeedbackRow]:
        return feedback(await fetch(self.pool, queries_cases.FEEDBACK, *where.args()))

    async def satisfaction(self, where: ReportFilter) -> SatisfactionSection:
        return satisfaction_section(await fetch(self.pool, queries_cases.SATISFACTION, *where.args()))

    async def accountability(self, where: ReportFilter) -> Accountability:
        teams = await self.teams(where)
        terms = await fetch(self.pool, queries_terms.TERMS, *where.args())
        return Accountability(
            municipality=self.context.name,
            as_of=where.as_of,
            team_id=where.team_id,
            district=where.district,
            period_from=where.period_from,
            period_to=where.period_to,
            summary=municipality(teams, where.as_of),
            teams=teams,
            budget=await self.budget(where),
            decisions=await self.decisions(where),
            terms=await self.terms(where, terms),
            debt=await self.debt(where),
            client_support=await self.client_support(where),
            signals=await self.signals(where),
            feedback=await self.feedback(where),
            satisfaction=await self.satisfaction(where),
            cycle=await self.cycle(where, terms),
        )
