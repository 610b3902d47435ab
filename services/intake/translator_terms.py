"""From intake's events about moving decision terms and the dwangsom to the facts it publishes
(`contracts.events.intake_terms`); registered on intake's `translate` by `translator`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from contracts.events import intake_terms as facts
from services.intake.domain.case import Case
from services.intake.domain.penalty import penalty_key

if TYPE_CHECKING:
    from functools import _SingleDispatchCallable

Translate = Callable[[Any], Any]


def register(translate: _SingleDispatchCallable[Any]) -> None:
    for event_type, to_fact in TRANSLATIONS.items():
        translate.register(event_type)(to_fact)


def _ids(event: Any) -> dict[str, Any]:
    return {"household_id": event.household_id, "case_id": event.originator_id, "team_id": event.team_id}


def _suspended(event: Any) -> facts.StatutoryClockSuspended:
    return facts.StatutoryClockSuspended(
        **_ids(event), clock_id=event.clock_id, suspended_from=event.suspended_from, reason=event.reason_code
    )


def _resumed(event: Any) -> facts.StatutoryClockResumed:
    return facts.StatutoryClockResumed(
        **_ids(event),
        clock_id=event.clock_id,
        resumed_on=event.resumed_on,
        suspended_days=event.days,
        due_on=event.clock.due_on,
    )


def _extended(event: Any) -> facts.StatutoryClockExtended:
    return facts.StatutoryClockExtended(
        **_ids(event),
        clock_id=event.clock_id,
        notified_on=event.notified_on,
        previous_due_on=event.previous_due,
        due_on=event.clock.due_on,
        reason=event.reason_code,
    )


def _notice(event: Any) -> facts.NoticeOfDefaultReceived:
    default = event.default
    return facts.NoticeOfDefaultReceived(
        **_ids(event),
        clock_id=default.clock_id,
        decision_due=default.decision_due,
        received_on=default.received_on,
        penalty_from=default.first_day,
        penalty_cap_on=default.cap_day,
    )


def _penalty(event: Any) -> facts.PenaltyDetermined:
    penalty = event.penalty
    return facts.PenaltyDetermined(
        **_ids(event),
        penalty_id=penalty_key(event.originator_id, penalty.clock_id),
        clock_id=penalty.clock_id,
        determined_on=penalty.determined_on,
        determined_by=penalty.determined_by,
        days=penalty.days,
        amount_cents=penalty.amount_cents,
        first_day=penalty.first_day,
        last_day=penalty.last_day,
        determination_due=penalty.determination_due,
        in_time=penalty.in_time,
        exemption=penalty.exemption or None,
    )


TRANSLATIONS: dict[type, Translate] = {
    Case.ClockSuspended: _suspended,  # type: ignore[attr-defined]
    Case.ClockResumed: _resumed,  # type: ignore[attr-defined]
    Case.ClockExtended: _extended,  # type: ignore[attr-defined]
    Case.NoticeOfDefaultReceived: _notice,  # type: ignore[attr-defined]
    Case.PenaltyDetermined: _penalty,  # type: ignore[attr-defined]
}
