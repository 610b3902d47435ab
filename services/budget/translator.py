"""From budget's internal domain events to the public facts it publishes."""

from __future__ import annotations

from dataclasses import asdict
from functools import singledispatch
from typing import Any

from contracts.events.budget import (
    BudgetAllocated,
    FundsRefused,
    FundsReleased,
    FundsReserved,
    FundsSpent,
    PenaltyBooked,
    ReservationCarriedIn,
    ReservationCarriedOver,
    ReserveDrawApproved,
    YearClosed,
)
from services.budget.domain.budget_line import BudgetLine
from services.budget.domain.penalty_line import PenaltyLine
from services.budget.domain.refusal import UnfundedClaim
from services.budget.domain.reserve import ReserveDraw


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart (the reserve's own books, the index) stay inside budget."""
    return None


@translate.register(BudgetLine.Allocated)
def _(event: Any) -> BudgetAllocated:
    return BudgetAllocated(
        team_id=event.team_id, year=event.year, budget_line=event.line, amount_cents=event.amount_cents
    )


@translate.register(BudgetLine.FundsReserved)
def _(event: Any) -> FundsReserved:
    return FundsReserved(year=event.claim.year, **event.claim.fields())


@translate.register(BudgetLine.FundsRefused)
@translate.register(UnfundedClaim.FundsRefused)
def _(event: Any) -> FundsRefused:
    return FundsRefused(**asdict(event.refusal))


@translate.register(BudgetLine.FundsSpent)
def _(event: Any) -> FundsSpent:
    return FundsSpent(**asdict(event.spending))


@translate.register(BudgetLine.FundsReleased)
def _(event: Any) -> FundsReleased:
    return FundsReleased(**asdict(event.release))


@translate.register(ReserveDraw.Approved)
def _(event: Any) -> ReserveDrawApproved:
    return ReserveDrawApproved(draw_id=event.originator_id, **asdict(event.approval))


@translate.register(BudgetLine.Closed)
def _(event: Any) -> YearClosed:
    line = {"team_id": event.team_id, "year": event.year, "budget_line": event.budget_line}
    return YearClosed(**line, closed_on=event.closed_on, **asdict(event.figures))


@translate.register(BudgetLine.CarriedOver)  # type: ignore[attr-defined]
def _(event: Any) -> ReservationCarriedOver:
    return ReservationCarriedOver(to_year=event.to_year, **asdict(event.carry))


@translate.register(BudgetLine.CarriedIn)  # type: ignore[attr-defined]
def _(event: Any) -> ReservationCarriedIn:
    return ReservationCarriedIn(from_year=event.from_year, **asdict(event.carry))


@translate.register(PenaltyLine.Booked)  # type: ignore[attr-defined]
def _(event: Any) -> PenaltyBooked:
    booking = event.booking
    return PenaltyBooked(
        household_id=booking.household_id,
        penalty_id=booking.penalty_id,
        team_id=booking.team_id,
        year=booking.year,
        amount_cents=booking.amount_cents,
        days=booking.days,
        booked_on=booking.determined_on,
        line_total_cents=event.total_cents,
    )
