"""From the provider's internal domain events to the public facts it publishes."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from contracts.events.care import (
    AssignmentAccepted,
    AssignmentRefused,
    CareDeclared,
    CareStarted,
    CareStopped,
    PlanFeedbackGiven,
    ProviderActionRejected,
)
from services.care.domain.assignment import Assignment


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart (Received, Rejected, DeclarationRefused) stay inside."""
    return None


@translate.register(Assignment.Accepted)
def _(event: Any) -> AssignmentAccepted:
    return AssignmentAccepted(
        household_id=event.household_id, assignment_id=event.originator_id, provider_id=event.provider_id
    )


@translate.register(Assignment.Refused)
def _(event: Any) -> AssignmentRefused:
    return AssignmentRefused(
        household_id=event.household_id,
        assignment_id=event.originator_id,
        provider_id=event.provider_id,
        reason=event.reason,
        refused_on=event.refused_on,
    )


@translate.register(Assignment.Started)
def _(event: Any) -> CareStarted:
    return CareStarted(
        household_id=event.household_id,
        assignment_id=event.originator_id,
        provider_id=event.provider_id,
        start_date=event.start_date,
    )


@translate.register(Assignment.Stopped)
def _(event: Any) -> CareStopped:
    return CareStopped(
        household_id=event.household_id,
        assignment_id=event.originator_id,
        provider_id=event.provider_id,
        end_date=event.end_date,
        reason_code=event.reason_code,
    )


@translate.register(Assignment.Declared)
def _(event: Any) -> CareDeclared:
    declared = event.declaration
    return CareDeclared(
        household_id=event.household_id,
        declaration_id=declared.declaration_id,
        assignment_id=event.originator_id,
        provider_id=event.provider_id,
        period_start=declared.period_start,
        period_end=declared.period_end,
        volume=declared.volume,
        unit=declared.unit,
        amount_cents=declared.amount_cents,
    )


@translate.register(Assignment.FeedbackGiven)
def _(event: Any) -> PlanFeedbackGiven:
    return PlanFeedbackGiven(
        household_id=event.household_id,
        assignment_id=event.originator_id,
        provider_id=event.provider_id,
        plan_fits=event.plan_fits,
        remarks=event.remarks,
    )


@translate.register(Assignment.ActionRejected)
def _(event: Any) -> ProviderActionRejected:
    return ProviderActionRejected(
        household_id=event.household_id,
        assignment_id=event.originator_id,
        acting_provider_id=event.acting_provider_id,
        action=event.action,
        rejected_on=event.rejected_on,
    )
