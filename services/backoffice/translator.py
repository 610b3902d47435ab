"""From the backoffice's internal domain events to the public facts it publishes."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from contracts.events.backoffice import DecisionLetterIssued, ProviderAssigned
from services.backoffice.domain.decision import Decision


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart (e.g. Decision.Received) stay inside the backoffice."""
    return None


@translate.register(Decision.LetterIssued)
def _(event: Any) -> DecisionLetterIssued:
    return DecisionLetterIssued(
        household_id=event.household_id,
        letter_id=event.letter_id,
        decision_id=event.decision_id,
        provision_code=event.provision_code,
        amount_cents=event.amount_cents,
        decision_date=event.decision_date,
        dispatch_date=event.dispatch_date,
        objection_deadline=event.objection_deadline,
    )


@translate.register(Decision.ProviderAssigned)
def _(event: Any) -> ProviderAssigned:
    return ProviderAssigned(
        household_id=event.household_id,
        assignment_id=event.assignment_id,
        decision_id=event.decision_id,
        provider_id=event.provider_id,
        product_code=event.product_code,
        volume=event.volume,
        unit=event.unit,
        frequency=event.frequency,
        period_start=event.period_start,
        period_end=event.period_end,
    )
