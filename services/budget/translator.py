"""From budget's internal domain events to the public facts it publishes."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from contracts.events.budget import BudgetAllocated, FundsRefused, FundsReserved
from services.budget.domain.budget_line import BudgetLine
from services.budget.domain.refusal import UnfundedClaim


@singledispatch
def translate(event: Any) -> Any:
    return None


@translate.register(BudgetLine.Allocated)
def _(event: Any) -> BudgetAllocated:
    return BudgetAllocated(
        team_id=event.team_id, year=event.year, budget_line=event.line, amount_cents=event.amount_cents
    )


@translate.register(BudgetLine.FundsReserved)
def _(event: Any) -> FundsReserved:
    return FundsReserved(
        household_id=event.household_id,
        decision_id=event.decision_id,
        plan_id=event.plan_id,
        team_id=event.team_id,
        year=event.year,
        budget_line=event.budget_line,
        amount_cents=event.amount_cents,
        provision_code=event.provision_code,
        period_start=event.period_start,
        period_end=event.period_end,
        decided_by=event.decided_by,
        decided_on=event.decided_on,
    )


@translate.register(BudgetLine.FundsRefused)
@translate.register(UnfundedClaim.FundsRefused)
def _(event: Any) -> FundsRefused:
    return FundsRefused(
        household_id=event.household_id,
        decision_id=event.decision_id,
        plan_id=event.plan_id,
        team_id=event.team_id,
        year=event.year,
        budget_line=event.budget_line,
        amount_cents=event.amount_cents,
        reason=event.reason,
    )
