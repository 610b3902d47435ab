"""From budget's internal domain events to the public facts it publishes."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from contracts.events.budget import (
    BudgetAllocated,
    FundsRefused,
    FundsReleased,
    FundsReserved,
    FundsSpent,
    ReservationCarriedIn,
    ReservationCarriedOver,
    ReserveDrawApproved,
    YearClosed,
)
from services.budget.domain.budget_line import BudgetLine
from services.budget.domain.refusal import UnfundedClaim
from services.budget.domain.reserve import ReserveDraw


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart (the reserve's own books, the index) stay inside budget."""
    return None


def _fields(event: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(event, name) for name in names}


@translate.register(BudgetLine.Allocated)
def _(event: Any) -> BudgetAllocated:
    return BudgetAllocated(
        team_id=event.team_id, year=event.year, budget_line=event.line, amount_cents=event.amount_cents
    )


@translate.register(BudgetLine.FundsReserved)
def _(event: Any) -> FundsReserved:
    names = ("household_id", "decision_id", "plan_id", "team_id", "year", "budget_line", "amount_cents")
    more = ("provision_code", "period_start", "period_end", "decided_by", "decided_on")
    return FundsReserved(**_fields(event, *names, *more))


@translate.register(BudgetLine.FundsRefused)
@translate.register(UnfundedClaim.FundsRefused)
def _(event: Any) -> FundsRefused:
    names = ("household_id", "decision_id", "plan_id", "team_id", "year", "budget_line", "amount_cents", "reason")
    return FundsRefused(**_fields(event, *names))


@translate.register(BudgetLine.FundsSpent)
def _(event: Any) -> FundsSpent:
    names = ("household_id", "decision_id", "payment_id", "team_id", "year", "budget_line", "amount_cents")
    return FundsSpent(**_fields(event, *names, "from_reservation_cents", "paid_on"))


@translate.register(BudgetLine.FundsReleased)
def _(event: Any) -> FundsReleased:
    names = ("household_id", "decision_id", "team_id", "year", "budget_line", "amount_cents", "released_on")
    return FundsReleased(**_fields(event, *names, "reason"))


@translate.register(ReserveDraw.Approved)
def _(event: Any) -> ReserveDrawApproved:
    names = ("team_id", "year", "budget_line", "amount_cents", "reason", "approved_by", "role", "approved_on")
    return ReserveDrawApproved(draw_id=event.originator_id, **_fields(event, *names))


@translate.register(BudgetLine.Closed)
def _(event: Any) -> YearClosed:
    names = ("team_id", "year", "budget_line", "closed_on", "allocated_cents", "reserve_draws_cents", "spent_cents")
    more = ("reserved_open_cents", "released_or_unused_cents", "of_which_released_cents")
    carried = {name: getattr(event, name, 0) for name in ("carried_in_cents", "carried_over_cents")}
    return YearClosed(**_fields(event, *names, *more), **carried)


CARRIED = ("household_id", "decision_id", "team_id", "year", "budget_line", "amount_cents", "carried_on")


@translate.register(BudgetLine.CarriedOver)
def _(event: Any) -> ReservationCarriedOver:
    return ReservationCarriedOver(to_year=event.to_year, **_fields(event, *CARRIED))


@translate.register(BudgetLine.CarriedIn)
def _(event: Any) -> ReservationCarriedIn:
    return ReservationCarriedIn(from_year=event.from_year, **_fields(event, *CARRIED))
