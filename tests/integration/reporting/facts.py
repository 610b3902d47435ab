"""Contract facts for reporting's tests, one household at a time with sensible defaults, and waits for them.

Reporting's tests share one reporting stack (tests/conftest.py:reporting_stack): each plays its facts in a year
of its own (`year.a_year()`), so a report for that year, or a moment in it, holds only that test's facts.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from contracts.events.budget import BudgetAllocated, FundsReserved
from contracts.events.care import CareStarted
from contracts.events.intake import CaseOpened
from contracts.events.planning import DecisionTaken
from tests.support.stack import Stack, eventually


def moment(year: int) -> datetime:
    """The moment every fact of a test occurs unless it says otherwise: 3 March, 09:00 UTC (10:00 in Amsterdam)."""
    return datetime(year, 3, 3, 9, 0, tzinfo=UTC)


async def fact_count(stack: Stack, **params: str) -> int:
    """How many facts reporting holds (GET /facts/count), as of a moment when given."""
    async with stack.client("reporting") as client:
        return int((await client.get("/facts/count", params=params)).json()["facts"])


async def facts_recorded(stack: Stack, expected: int, before: int, timeout: float = 60) -> int:
    """Wait until reporting holds `expected` facts more than `before`; returns how many it holds."""
    return await eventually(lambda: fact_count(stack), lambda now: now >= before + expected, timeout)


async def rows_of(stack: Stack, household: uuid.UUID) -> dict[str, int]:
    """The facts reporting recorded about one household, counted by type (its inbox and read model at once)."""
    pool = stack["reporting"].pool
    assert pool is not None
    rows = await pool.fetch("SELECT type, count(*) AS n FROM reporting.fact WHERE subject = $1 GROUP BY type",
                            str(household))  # fmt: skip
    return {row["type"]: row["n"] for row in rows}


def case_opened(household: uuid.UUID, team: str, year: int, district: str = "Haven") -> CaseOpened:
    """Intake opened a case for the household, in `team`'s district."""
    return CaseOpened(
        household_id=household,
        case_id=uuid.uuid4(),
        request_id=uuid.uuid4(),
        district=district,
        team_id=team,
        opened_on=date(year, 3, 3),
    )


def decision_taken(household: uuid.UUID, team: str, cents: int, decision: uuid.UUID, year: int) -> DecisionTaken:
    """Planning decided on a wmo provision of `cents` for the household."""
    return DecisionTaken(
        household_id=household,
        plan_id=uuid.uuid4(),
        decision_id=decision,
        team_id=team,
        provision_code="HH01",
        budget_line="wmo",
        amount_cents=cents,
        period_start=date(year, 3, 10),
        period_end=date(year, 12, 31),
        decided_by="prof-1",
        decided_on=date(year, 3, 4),
    )


def funds_reserved(household: uuid.UUID, team: str, cents: int, decision: uuid.UUID, year: int) -> FundsReserved:
    """Budget reserved `cents` on the team's wmo line for the decision."""
    return FundsReserved(
        household_id=household,
        decision_id=decision,
        plan_id=uuid.uuid4(),
        team_id=team,
        year=year,
        budget_line="wmo",
        amount_cents=cents,
        provision_code="HH01",
        period_start=date(year, 3, 10),
        period_end=date(year, 12, 31),
        decided_by="prof-1",
        decided_on=date(year, 3, 4),
    )


def care_started(household: uuid.UUID, year: int) -> CareStarted:
    """A provider started care for the household."""
    return CareStarted(
        household_id=household, assignment_id=uuid.uuid4(), provider_id="zorg-1", start_date=date(year, 3, 10)
    )


def budget_allocated(team: str, cents: int, year: int) -> BudgetAllocated:
    """Budget allocated `cents` to the team's wmo line for the year."""
    return BudgetAllocated(team_id=team, year=year, budget_line="wmo", amount_cents=cents)


def params(year: int, **more: Any) -> dict[str, Any]:
    """Query parameters for a report of the test's own year."""
    return {"year": year, **more}
