"""From the provider's internal domain events to the public facts it publishes."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from contracts.events.care import AssignmentAccepted, CareStarted
from services.care.domain.assignment import Assignment


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart (Assignment.Received, Assignment.Rejected) stay inside."""
    return None


@translate.register(Assignment.Accepted)
def _(event: Any) -> AssignmentAccepted:
    return AssignmentAccepted(
        household_id=event.household_id, assignment_id=event.originator_id, provider_id=event.provider_id
    )


@translate.register(Assignment.Started)
def _(event: Any) -> CareStarted:
    return CareStarted(
        household_id=event.household_id,
        assignment_id=event.originator_id,
        provider_id=event.provider_id,
        start_date=event.start_date,
    )
