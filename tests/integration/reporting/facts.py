"""Contract facts for reporting's tests, one household at a time with sensible defaults, and a wait for them."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import httpx

from contracts.events.budget import BudgetAllocated, FundsReserved
from contracts.events.care import CareStarted
from contracts.events.intake import CaseOpened
from contracts.events.planning import DecisionTaken
from tests.support.stack import Stack, eventually

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # the moment every fact occurs unless a test says otherwise


async def facts_recorded(stack: Stack, expected: int, timeout: float = 60) -> dict[str, Any]:
    """Wait until reporting has recorded `expected` facts; returns GET /facts/count."""
    async with httpx.AsyncClient(base_url=stack.url("reporting")) as client:

        async def count() -> dict[str, Any]:
            return (await client.get("/facts/count")).json()  # type: ignore[no-any-return]

        return await eventually(count, lambda body: body["facts"] >= expected, timeout)


def case_opened(household: uuid.UUID, team: str, district: str = "Haven") -> CaseOpened:
    """Intake opened a case for the household, in `team`'s district."""
    return CaseOpened(
        household_id=household,
        case_id=uuid.uuid4(),
        request_id=uuid.uuid4(),
        district=district,
        team_id=team,
        opened_on=date(2025, 3, 3),
    )


def decision_taken(household: uuid.UUID, team: str, cents: int, decision: uuid.UUID) -> DecisionTaken:
    """Planning decided on a wmo provision of `cents` for the household."""
    return DecisionTaken(
        household_id=household,
        plan_id=uuid.uuid4(),
        decision_id=decision,
        team_id=team,
        provision_code="HH01",
        budget_line="wmo",
        amount_cents=cents,
        period_start=date(2025, 3, 10),
        period_end=date(2025, 12, 31),
        decided_by="prof-1",
        decided_on=date(2025, 3, 4),
    )


def funds_reserved(household: uuid.UUID, team: str, cents: int, decision: uuid.UUID) -> FundsReserved:
    """Budget reserved `cents` on the team's wmo line for the decision."""
    return FundsReserved(
        household_id=household,
        decision_id=decision,
        plan_id=uuid.uuid4(),
        team_id=team,
        year=2025,
        budget_line="wmo",
        amount_cents=cents,
        provision_code="HH01",
        period_start=date(2025, 3, 10),
        period_end=date(2025, 12, 31),
        decided_by="prof-1",
        decided_on=date(2025, 3, 4),
    )


def care_started(household: uuid.UUID) -> CareStarted:
    """A provider started care for the household."""
    return CareStarted(
        household_id=household, assignment_id=uuid.uuid4(), provider_id="zorg-1", start_date=date(2025, 3, 10)
    )


def budget_allocated(team: str, cents: int) -> BudgetAllocated:
    """Budget allocated `cents` to the team's wmo line for 2025."""
    return BudgetAllocated(team_id=team, year=2025, budget_line="wmo", amount_cents=cents)
