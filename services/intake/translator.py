"""From intake's internal domain events to the public facts it publishes (nothing with names or addresses)."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from contracts.events.intake import CaseOpened, DebtConcernFlagged, SupportRequested
from services.intake.domain.case import Case
from services.intake.domain.support_request import SupportRequest


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart (e.g. Household.Registered) stay inside intake."""
    return None


@translate.register(SupportRequest.Received)
def _(event: Any) -> SupportRequested:
    return SupportRequested(
        household_id=event.household_id,
        request_id=event.originator_id,
        requested_by=event.requested_by,
        life_domains=event.life_domains,
        received_on=event.received_on,
    )


@translate.register(Case.Opened)
def _(event: Any) -> CaseOpened:
    return CaseOpened(
        household_id=event.household_id,
        case_id=event.originator_id,
        request_id=event.request_id,
        district=event.district,
        team_id=event.team_id,
        opened_on=event.opened_on,
    )


@translate.register(Case.DebtConcernFlagged)
def _(event: Any) -> DebtConcernFlagged:
    return DebtConcernFlagged(
        household_id=event.household_id,
        case_id=event.originator_id,
        team_id=event.team_id,
        flagged_on=event.flagged_on,
        threatening=event.threatening,
    )
