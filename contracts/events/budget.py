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


class FundsSpent(HouseholdEvent):
    """A payment for a decision was booked on its line: from the open reservation first, any excess from what
    remained on the line."""

    type: ClassVar[str] = "nl.wijkteam.budget.funds-spent.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    payment_id: UUID
    team_id: str
    year: int
    budget_line: BudgetLine
    amount_cents: int = Field(ge=0)
    from_reservation_cents: int = Field(ge=0)
    paid_on: date


class FundsReleased(HouseholdEvent):
    """What was still reserved for a decision went back to its line (care stopped, decision cancelled)."""

    type: ClassVar[str] = "nl.wijkteam.budget.funds-released.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    team_id: str
    year: int
    budget_line: BudgetLine
    amount_cents: int = Field(ge=0)
    released_on: date
    reason: str


class ReserveDrawApproved(IntegrationEvent):
    """Money from the municipal reserve was added to a team's line, approved by a holder of an approving role."""

    type: ClassVar[str] = "nl.wijkteam.budget.reserve-draw-approved.v1"
    topic: ClassVar[str] = TOPIC
    draw_id: UUID
    team_id: str
    year: int
    budget_line: BudgetLine
    amount_cents: int = Field(gt=0)
    reason: str
    approved_by: str
    role: str
    approved_on: date

    @property
    def subject(self) -> str:
        return f"team:{self.team_id}"


class ReservationCarriedOver(HouseholdEvent):
    """At the year-end close, a decision's open reservation left its year's line for the same team's line of
    `to_year`: the obligation moves with its money (the matching `ReservationCarriedIn` is on that line)."""

    type: ClassVar[str] = "nl.wijkteam.budget.reservation-carried-over.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    team_id: str
    year: int = Field(description="The closed year the reservation leaves.")
    budget_line: BudgetLine
    to_year: int
    amount_cents: int = Field(gt=0)
    carried_on: date


class ReservationCarriedIn(HouseholdEvent):
    """A reservation carried from `from_year`'s close onto this year's line: the decision's later payments and
    releases are booked here."""

    type: ClassVar[str] = "nl.wijkteam.budget.reservation-carried-in.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    team_id: str
    year: int = Field(description="The year whose line takes the reservation over.")
    budget_line: BudgetLine
    from_year: int
    amount_cents: int = Field(gt=0)
    carried_on: date


class YearClosed(IntegrationEvent):
    """The year-end close of one team's line: its figures, which balance to the cent:
    allocated + reserve draws + carried in = spent + reserved (still open) + carried over + released or unused."""

    type: ClassVar[str] = "nl.wijkteam.budget.year-closed.v1"
    topic: ClassVar[str] = TOPIC
    team_id: str
    year: int
    budget_line: BudgetLine
    closed_on: date
    allocated_cents: int = Field(ge=0)
    reserve_draws_cents: int = Field(ge=0)
    spent_cents: int = Field(ge=0)
    reserved_open_cents: int = Field(ge=0)
    released_or_unused_cents: int = Field(ge=0)
    of_which_released_cents: int = Field(ge=0)
    carried_in_cents: int = Field(0, ge=0, description="Reservations carried in from the previous year's close.")
    carried_over_cents: int = Field(0, ge=0, description="Open reservations carried into the next year.")

    @property
    def subject(self) -> str:
        return f"team:{self.team_id}"
