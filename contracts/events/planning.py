"""Facts published by planning, the neighbourhood team's own service."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.events.base import HouseholdEvent
from contracts.topics import facts

BudgetLine = Literal["wmo", "youth", "special_assistance", "discretionary"]
TOPIC = facts("planning")


class PlanDrafted(HouseholdEvent):
    """One household, one plan, one coordinator (één huishouden, één plan, één regisseur)."""

    type: ClassVar[str] = "nl.wijkteam.planning.plan-drafted.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    case_id: UUID
    team_id: str
    coordinator: str


class DecisionTaken(HouseholdEvent):
    """A professional decided on an arrangement under their mandate."""

    type: ClassVar[str] = "nl.wijkteam.planning.decision-taken.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    decision_id: UUID
    team_id: str
    provision_code: str
    budget_line: BudgetLine
    amount_cents: int = Field(ge=0, description="Money is integer euro cents.")
    period_start: date
    period_end: date
    decided_by: str
    decided_on: date
