"""The shape of the council's reports, and the pure arithmetic that turns query rows into it.

Rows arrive as mappings (asyncpg records or plain dicts): per team and event type a count and a sum of cents,
and per team, year and budget line the cents allocated and reserved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from contracts.events.backoffice import DecisionLetterIssued, ProviderAssigned
from contracts.events.budget import FundsRefused, FundsReserved
from contracts.events.care import CareStarted
from contracts.events.debt import DebtReferralReceived
from contracts.events.intake import CaseOpened, SupportRequested
from contracts.events.planning import BudgetLine, DecisionTaken
from wijk.clock import MUNICIPAL_TZ

Row = Mapping[str, Any]

COUNTED: dict[str, str] = {
    SupportRequested.type: "support_requests",
    CaseOpened.type: "cases_opened",
    DecisionTaken.type: "decisions",
    FundsReserved.type: "funds_reserved",
    FundsRefused.type: "funds_refused",
    DecisionLetterIssued.type: "letters_issued",
    ProviderAssigned.type: "providers_assigned",
    CareStarted.type: "care_started",
    DebtReferralReceived.type: "debt_referrals",
}
"""Which fact type is counted under which figure."""

SUMMED: dict[str, str] = {FundsReserved.type: "funds_reserved_cents"}
"""Which fact type's `amount_cents` is summed under which figure."""


class UnknownTeam(LookupError):
    """No fact (as of the asked moment) belongs to this team."""


class Figures(BaseModel):
    """What the team did: facts counted, money in integer euro cents."""

    support_requests: int = Field(0, description="Meldingen of the team's households.")
    cases_opened: int = 0
    decisions: int = Field(0, description="Decisions taken under the mandate.")
    funds_reserved: int = 0
    funds_reserved_cents: int = 0
    funds_refused: int = 0
    letters_issued: int = Field(0, description="Beschikkingen sent.")
    providers_assigned: int = 0
    care_started: int = 0
    debt_referrals: int = Field(0, description="Referrals received by debt assistance (schuldhulpverlening).")


class BudgetLineSummary(BaseModel):
    year: int
    budget_line: BudgetLine
    allocated_cents: int
    reserved_cents: int
    remaining_cents: int = Field(description="Allocated minus reserved; negative when overdrawn.")


class TeamSummary(Figures):
    team_id: str
    budget: list[BudgetLineSummary] = Field(default_factory=list)


class MunicipalitySummary(Figures):
    as_of: datetime | None = Field(None, description="Only facts that occurred at or before this moment.")
    teams: int = Field(0, description="Teams with at least one fact.")
    budget: list[BudgetLineSummary] = Field(default_factory=list, description="Totals over all teams.")


class FactCount(BaseModel):
    facts: int
    by_type: dict[str, int]


def as_of_instant(value: datetime | None) -> datetime | None:
    """An `as_of` without a time zone is read as the municipality's wall-clock time."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=MUNICIPAL_TZ)


def team_summaries(counts: Iterable[Row], budgets: Iterable[Row]) -> list[TeamSummary]:
    figures: dict[str, dict[str, int]] = defaultdict(dict)
    for row in counts:
        _tally(figures[row["team_id"]], row)
    lines: dict[str, list[BudgetLineSummary]] = defaultdict(list)
    for row in budgets:
        lines[row["team_id"]].append(budget_line(row))
    teams = sorted(set(figures) | set(lines))
    return [TeamSummary(team_id=team, budget=lines[team], **figures[team]) for team in teams]


def _tally(figures: dict[str, int], row: Row) -> None:
    if row["type"] in COUNTED:
        name = COUNTED[row["type"]]
        figures[name] = figures.get(name, 0) + row["facts"]
    if row["type"] in SUMMED:
        name = SUMMED[row["type"]]
        figures[name] = figures.get(name, 0) + row["cents"]


def budget_line(row: Row) -> BudgetLineSummary:
    allocated, reserved = row["allocated_cents"], row["reserved_cents"]
    return BudgetLineSummary(
        year=row["year"],
        budget_line=row["budget_line"],
        allocated_cents=allocated,
        reserved_cents=reserved,
        remaining_cents=allocated - reserved,
    )


def municipality(teams: list[TeamSummary], as_of: datetime | None = None) -> MunicipalitySummary:
    """The municipality's totals: every figure summed over the teams, budgets per year and line."""
    totals = {name: sum(getattr(team, name) for team in teams) for name in Figures.model_fields}
    lines: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for line in (line for team in teams for line in team.budget):
        lines[(line.year, line.budget_line)][0] += line.allocated_cents
        lines[(line.year, line.budget_line)][1] += line.reserved_cents
    budget = [
        budget_line({"year": y, "budget_line": b, "allocated_cents": a, "reserved_cents": r})
        for (y, b), (a, r) in sorted(lines.items())
    ]
    return MunicipalitySummary(as_of=as_of, teams=len(teams), budget=budget, **totals)


def fact_count(rows: Iterable[Row]) -> FactCount:
    by_type = {row["type"]: row["facts"] for row in rows}
    return FactCount(facts=sum(by_type.values()), by_type=by_type)
