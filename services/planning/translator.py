"""From planning's internal domain events to the public facts it publishes."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from contracts.events.planning import DecisionTaken, PlanDrafted
from services.planning.domain.plan import Plan


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart (e.g. Plan.FundsReserved, the plan learning) stay inside."""
    return None


@translate.register(Plan.Drafted)
def _(event: Any) -> PlanDrafted:
    return PlanDrafted(
        household_id=event.household_id,
        plan_id=event.originator_id,
        case_id=event.case_id,
        team_id=event.team_id,
        coordinator=event.coordinator,
    )


@translate.register(Plan.DecisionTaken)
def _(event: Any) -> DecisionTaken:
    return DecisionTaken(
        household_id=event.household_id,
        plan_id=event.originator_id,
        decision_id=event.decision_id,
        team_id=event.team_id,
        provision_code=event.provision_code,
        budget_line=event.budget_line,
        amount_cents=event.amount_cents,
        period_start=event.period_start,
        period_end=event.period_end,
        decided_by=event.decided_by,
        decided_on=event.decided_on,
    )
