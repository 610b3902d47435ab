"""The shape of the council's reports, and the pure arithmetic that turns query rows into it.

Rows arrive as mappings (asyncpg records or plain dicts): per team and event type a count and a sum of cents,
and per team, year and budget line the cents allocated and reserved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from contracts.events.backoffice import DecisionLetterIssued, ProviderAssigned
from contracts.events.backoffice_cycle import RefusalLetterIssued, WithdrawalLetterIssued
from contracts.events.budget import FundsRefused, FundsReserved
from contracts.events.care import CareStarted
from contracts.events.debt import DebtReferralReceived
from contracts.events.intake import CaseOpened, SupportRequested
from contracts.events.iwmo import CareStartReported
from contracts.events.planning import BudgetLine, DecisionTaken
from contracts.events.planning_cycle import DecisionRefused
from kernel.clock import MUNICIPAL_TZ
from kernel.errors import NotFound

Row = Mapping[str, Any]

COUNTED: dict[str, str] = {
    SupportRequested.type: "support_requests",
    CaseOpened.type: "cases_opened",
    DecisionTaken.type: "decisions",
    FundsReserved.type: "funds_reserved",
    FundsRefused.type: "funds_refused",
    DecisionRefused.type: "refusals",
    DecisionLetterIssued.type: "letters_issued",
    RefusalLetterIssued.type: "letters_issued",
    WithdrawalLetterIssued.type: "letters_issued",
    ProviderAssigned.type: "providers_assigned",
    CareStarted.type: "care_started",
    CareStartReported.type: "care_started",  # the same start, reported in a provider's WMO305 through the gateway
    DebtReferralReceived.type: "debt_referrals",
}
"""Which fact type is counted under which figure."""

SUMMED: dict[str, str] = {FundsReserved.type: "funds_reserved_cents"}
"""Which fact type's `amount_cents` is summed under which figure."""


class UnknownTeam(NotFound):
    """No fact (as of the asked moment) belongs to this team."""


class Figures(BaseModel):
    """What the team did: facts counted, money in integer euro cents."""

    support_requests: int = Field(0, description="Meldingen of the team's households.")
    cases_opened: int = 0
    decisions: int = Field(0, description="Decisions taken under the mandate.")
    funds_reserved: int = 0
    funds_reserved_cents: int = 0
    funds_refused: int = 0
    refusals: int = Field(0, description="Requests refused by a mandate holder (DecisionRefused).")
    letters_issued: int = Field(0, description="Beschikkingen sent: awards, refusals, withdrawals and changes.")
    providers_assigned: int = 0
    care_started: int = 0
    debt_referrals: int = Field(0, description="Referrals received by debt assistance (schuldhulpverlening).")


class BudgetLineSummary(BaseModel):
    """One team's (or the municipality's) line for one year. The books balance as budget keeps them:
    allocated + reserve draws = spent + reserved (still open) + remaining."""

    year: int
    budget_line: BudgetLine
    allocated_cents: int
    reserve_draws_cents: int = Field(0, description="Added from the municipal reserve (ReserveDrawApproved).")
    reserved_cents: int = Field(description="Reserved for decisions in total (FundsReserved).")
    spent_cents: int = Field(0, description="Paid (FundsSpent).")
    released_cents: int = Field(0, description="Reservations given back (FundsReleased).")
    carried_in_cents: int = Field(0, description="Reservations carried in at the previous year's close.")
    carried_over_cents: int = Field(0, description="Open reservations carried into the next year at the close.")
    reserved_open_cents: int = Field(0, description="Reserved and neither spent, released nor carried over yet.")
    remaining_cents: int = Field(
        description="Allocated + draws + carried in - spent - still reserved - carried over; negative when overdrawn."
    )
    closed_on: date | None = Field(None, description="The day the year was closed for this line (YearClosed).")


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
    """A line's figures from its sums; absent sums count as zero."""
    allocated, draws = row["allocated_cents"], row.get("reserve_draws_cents", 0)
    reserved, spent, released = row["reserved_cents"], row.get("spent_cents", 0), row.get("released_cents", 0)
    carried_in, carried_over = row.get("carried_in_cents", 0), row.get("carried_over_cents", 0)
    reserved_open = reserved + carried_in - row.get("spent_from_reservations_cents", 0) - released - carried_over
    return BudgetLineSummary(
        year=row["year"],
        budget_line=row["budget_line"],
        allocated_cents=allocated,
        reserve_draws_cents=draws,
        reserved_cents=reserved,
        spent_cents=spent,
        released_cents=released,
        carried_in_cents=carried_in,
        carried_over_cents=carried_over,
        reserved_open_cents=reserved_open,
        remaining_cents=allocated + draws + carried_in - spent - reserved_open - carried_over,
        closed_on=row.get("closed_on"),
    )


def municipality(teams: list[TeamSummary], as_of: datetime | None = None) -> MunicipalitySummary:
    """The municipality's totals: every figure summed over the teams, budgets per year and line."""
    totals = {name: sum(getattr(team, name) for team in teams) for name in Figures.model_fields}
    budget = total_lines(line for team in teams for line in team.budget)
    return MunicipalitySummary(as_of=as_of, teams=len(teams), budget=budget, **totals)


SUMS = (
    "allocated_cents",
    "reserve_draws_cents",
    "reserved_cents",
    "spent_cents",
    "released_cents",
    "carried_in_cents",
    "carried_over_cents",
    "reserved_open_cents",
)


def total_lines(lines: Iterable[BudgetLineSummary]) -> list[BudgetLineSummary]:
    """Lines of several teams added up per year and line."""
    totals: dict[tuple[int, str], dict[str, Any]] = {}
    for line in lines:
        key = (line.year, line.budget_line)
        total = totals.setdefault(key, {"year": line.year, "budget_line": line.budget_line, **dict.fromkeys(SUMS, 0)})
        for name in SUMS:
            total[name] += getattr(line, name)
    return [_with_remaining(totals[key]) for key in sorted(totals)]


def _with_remaining(sums: dict[str, Any]) -> BudgetLineSummary:
    inflow = sums["allocated_cents"] + sums["reserve_draws_cents"] + sums["carried_in_cents"]
    remaining = inflow - sums["spent_cents"] - sums["reserved_open_cents"] - sums["carried_over_cents"]
    return BudgetLineSummary(remaining_cents=remaining, **sums)


def fact_count(rows: Iterable[Row]) -> FactCount:
    by_type = {row["type"]: row["facts"] for row in rows}
    return FactCount(facts=sum(by_type.values()), by_type=by_type)
