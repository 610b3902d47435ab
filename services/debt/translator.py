"""From debt assistance's internal domain events to the public facts it publishes."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from contracts.events.debt import DebtReferralReceived
from services.debt.domain.trajectory import DebtTrajectory


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart stay inside debt assistance."""
    return None


@translate.register(DebtTrajectory.ReferralReceived)
def _(event: Any) -> DebtReferralReceived:
    return DebtReferralReceived(
        household_id=event.household_id,
        trajectory_id=event.originator_id,
        team_id=event.team_id,
        received_on=event.received_on,
        first_conversation_due=event.first_conversation_due,
    )
