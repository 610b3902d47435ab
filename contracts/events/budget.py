"""Facts published by budget, the finance agreement."""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from contracts.events.base import HouseholdEvent, IntegrationEvent
from contracts.events.planning import BudgetLine
from contracts.topics import facts

TOPIC = facts("budget")


class BudgetAllocated(IntegrationEvent):
    """A team's budget for one year and line."""

    type: ClassVar[str] = "nl.wijkteam.budget.budget-allocated.v1"
    topic: ClassVar[str] = TOPIC
    team_id: str
    year: int
    budget_line: BudgetLine
    amount_cents: int = Field(ge=0)

    @property
    def subject(self) -> str:
        return f"team:{self.team_id}"


class FundsReserved(HouseholdEvent):
    """Money set aside for a decision; carries what the backoffice needs to execute it."""

    type: ClassVar[str] = "nl.wijkteam.budget.funds-reserved.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    plan_id: UUID
    team_id: str
    year: int
    budget_line: BudgetLine
    amount_cents: int = Field(ge=0)
    provision_code: str
    period_start: date
    period_end: date
    decided_by: str
    decided_on: date


class FundsRefused(HouseholdEvent):
    """The budget line cannot carry the decision; the plan learns why."""

    type: ClassVar[str] = "nl.wijkteam.budget.funds-refused.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    plan_id: UUID
    team_id: str
    year: int
    budget_line: BudgetLine
    amount_cents: int = Field(ge=0)
    reason: str
