"""Facts published by budget, the finance agreement."""

from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.bounds import Cents, Code, Day, Reference, Text, TotalCents, Who, Year
from contracts.events.base import HouseholdEvent, IntegrationEvent
from contracts.events.planning import BudgetLine
from contracts.sealed import FreeMotivation
from contracts.topics import facts

TOPIC = facts("budget")


class BudgetAllocated(IntegrationEvent):
    """A team's budget for one year and line."""

    type: ClassVar[str] = "nl.wijkteam.budget.budget-allocated.v1"
    topic: ClassVar[str] = TOPIC
    team_id: Code
    year: Year
    budget_line: BudgetLine
    amount_cents: TotalCents

    @property
    def subject(self) -> str:
        return f"team:{self.team_id}"


class FundsReserved(HouseholdEvent):
    """Money set aside for a decision; carries what the backoffice needs to execute it."""

    type: ClassVar[str] = "nl.wijkteam.budget.funds-reserved.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    plan_id: UUID
    team_id: Code
    year: Year
    budget_line: BudgetLine
    amount_cents: Cents
    provision_code: Code
    period_start: Day
    period_end: Day
    decided_by: Who
    decided_on: Day
    kind: Literal["award", "partial_award"] | None = Field(None, description="As in DecisionTaken (issue 17).")
    requested_amount_cents: Cents | None = Field(None, description="A partial award's request.")
    legal_ground: Code | None = Field(None, description="Why a partial award grants less.")
    legal_basis: Reference | None = Field(None, description="The article a partial award's refused rest rests on.")
    reasons: FreeMotivation | None = Field(
        None, description="A partial award's motivation, as planning sealed it with the household's text key."
    )


class FundsRefused(HouseholdEvent):
    """The budget line cannot carry the decision; the plan learns why."""

    type: ClassVar[str] = "nl.wijkteam.budget.funds-refused.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    plan_id: UUID
    team_id: Code
    year: Year
    budget_line: BudgetLine
    amount_cents: Cents
    reason: Text


class FundsSpent(HouseholdEvent):
    """A payment for a decision was booked on its line: from the open reservation first, any excess from what
    remained on the line."""

    type: ClassVar[str] = "nl.wijkteam.budget.funds-spent.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    payment_id: UUID
    team_id: Code
    year: Year
    budget_line: BudgetLine
    amount_cents: Cents
    from_reservation_cents: Cents
    paid_on: Day


class FundsReleased(HouseholdEvent):
    """What was still reserved for a decision went back to its line (care stopped, decision cancelled)."""

    type: ClassVar[str] = "nl.wijkteam.budget.funds-released.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    team_id: Code
    year: Year
    budget_line: BudgetLine
    amount_cents: Cents
    released_on: Day
    reason: Text


class ReserveDrawApproved(IntegrationEvent):
    """Money from the municipal reserve was added to a team's line, approved by a holder of an approving role."""

    type: ClassVar[str] = "nl.wijkteam.budget.reserve-draw-approved.v1"
    topic: ClassVar[str] = TOPIC
    draw_id: UUID
    team_id: Code
    year: Year
    budget_line: BudgetLine
    amount_cents: Cents = Field(gt=0)
    reason: Text
    approved_by: Who
    role: Code
    approved_on: Day

    @property
    def subject(self) -> str:
        return f"team:{self.team_id}"


class ReservationCarriedOver(HouseholdEvent):
    """At the year-end close, a decision's open reservation left its year's line for the same team's line of
    `to_year`: the obligation moves with its money (the matching `ReservationCarriedIn` is on that line)."""

    type: ClassVar[str] = "nl.wijkteam.budget.reservation-carried-over.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    team_id: Code
    year: Year = Field(description="The closed year the reservation leaves.")
    budget_line: BudgetLine
    to_year: Year
    amount_cents: Cents = Field(ge=1)
    carried_on: Day


class ReservationCarriedIn(HouseholdEvent):
    """A reservation carried from `from_year`'s close onto this year's line: the decision's later payments and
    releases are booked here."""

    type: ClassVar[str] = "nl.wijkteam.budget.reservation-carried-in.v1"
    topic: ClassVar[str] = TOPIC
    decision_id: UUID
    team_id: Code
    year: Year = Field(description="The year whose line takes the reservation over.")
    budget_line: BudgetLine
    from_year: Year
    amount_cents: Cents = Field(ge=1)
    carried_on: Day


class YearClosed(IntegrationEvent):
    """The year-end close of one team's line: its figures, which balance to the cent:
    allocated + reserve draws + carried in = spent + reserved (still open) + carried over + released or unused."""

    type: ClassVar[str] = "nl.wijkteam.budget.year-closed.v1"
    topic: ClassVar[str] = TOPIC
    team_id: Code
    year: Year
    budget_line: BudgetLine
    closed_on: Day
    allocated_cents: TotalCents
    reserve_draws_cents: TotalCents
    spent_cents: TotalCents
    reserved_open_cents: TotalCents
    released_or_unused_cents: TotalCents
    of_which_released_cents: TotalCents
    carried_in_cents: TotalCents | None = Field(
        None, description="Reservations carried in from the previous year's close (absent: closed before carry-over)."
    )
    carried_over_cents: TotalCents | None = Field(
        None, description="Open reservations carried into the next year (absent: closed before carry-over)."
    )

    @property
    def subject(self) -> str:
        return f"team:{self.team_id}"


class PenaltyBooked(HouseholdEvent):
    """A dwangsom the college owes for deciding too late (Awb 4:17), booked on the team's own penalty line for the
    year it was determined (Awb 4:18): apart from the support budgets, never refused."""

    type: ClassVar[str] = "nl.wijkteam.budget.penalty-booked.v1"
    topic: ClassVar[str] = TOPIC
    penalty_id: UUID
    team_id: Code
    year: Year
    amount_cents: int = Field(ge=1, le=144200)
    days: int = Field(ge=1, le=42)
    booked_on: Day = Field(description="The day the college determined the penalty.")
    line_total_cents: TotalCents = Field(description="What the team's penalty line holds for the year after it.")
