"""An assignment (toewijzing, iWmo 301) as the provider sees it.

received → accepted or refused (by the provider), or rejected (not a provider this system serves) → started (305)
→ stopped (307; reason 20 pauses, and a new start restarts care). Declarations (323) are allowed once accepted:
start and stop are regieberichten and may not be made a condition for payment (Procesbeschrijvingen iWmo 3.2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from kernel.errors import Conflict, Refused
from kernel.upcasting import fold
from services.care.domain.codes import REFUSAL_REASONS, TEMPORARY_STOP, end_reason
from services.care.domain.declaration import Assigned, Claim, refusal

RECEIVED, ACCEPTED, REJECTED, REFUSED = "received", "accepted", "rejected", "refused"
STARTED, PAUSED, STOPPED = "started", "paused", "stopped"
DECLARABLE = (ACCEPTED, STARTED, PAUSED, STOPPED)


class InvalidPeriod(Refused):
    """A period that ends before it starts."""


class AssignmentNotOpen(Conflict):
    """Only a received assignment can be accepted or refused."""


class AssignmentNotAccepted(Conflict):
    """Care starts only on an accepted (or paused) assignment; declarations and feedback need an accepted one."""


class CareNotStarted(Conflict):
    """Only care that has started can stop."""


class StartOutsidePeriod(Refused):
    """Care starts and ends within the assignment's period."""


@dataclass(frozen=True)
class Order:
    """The assignment as the provider receives it (iWmo 301): what to deliver, how much per period, until when."""

    assignment_id: UUID
    household_id: UUID
    decision_id: UUID
    provider_id: str
    product_code: str
    volume: int
    unit: str
    frequency: str
    period_start: date
    period_end: date


@dataclass(frozen=True)
class DeclaredCare:
    """Delivered care as the provider declares it (iWmo 323): the period, the volume and what it costs."""

    declaration_id: UUID
    period_start: date
    period_end: date
    volume: int
    unit: str
    amount_cents: int


class Assignment(Aggregate):
    """One provider's order to deliver a provision to a household for a period (modelled on iWmo 301). Its events
    carry the order and each declaration whole (class version 2; version 1 flattened them)."""

    class Received(Aggregate.Created):
        order: Order
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(Order, state, "order")

    class Declared(Aggregate.Event):
        household_id: UUID
        provider_id: str
        declaration: DeclaredCare
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(DeclaredCare, state, "declaration")

    @staticmethod
    def create_id(order: Order) -> UUID:
        return order.assignment_id

    @event(Received)
    def __init__(self, order: Order) -> None:
        if order.period_end < order.period_start:
            raise InvalidPeriod(f"the period ends ({order.period_end}) before it starts ({order.period_start})")
        self.household_id, self.decision_id, self.provider_id = order.household_id, order.decision_id, order.provider_id
        self.product_code, self.volume, self.unit = order.product_code, order.volume, order.unit
        self.frequency = order.frequency
        self.period_start, self.period_end = order.period_start, order.period_end
        self.status = RECEIVED
        self.rejection_reason: str | None = None
        self.start_date: date | None = None
        self.end_date: date | None = None
        self.end_reason: str | None = None
        self.declared_volume = 0
        self.declarations: list[UUID] = []

    def accept(self) -> None:
        self._require_open()
        self._accepted(self.household_id, self.provider_id)

    @event("Accepted")
    def _accepted(self, household_id: UUID, provider_id: str) -> None:
        self.status = ACCEPTED

    def reject(self, reason: str) -> None:
        """Not for a provider this system serves: recorded here, nothing is published."""
        self._require_open()
        self._rejected(reason)

    @event("Rejected")
    def _rejected(self, reason: str) -> None:
        self.status = REJECTED
        self.rejection_reason = reason

    def refuse(self, reason: str, refused_on: date) -> None:
        """The provider declines the assignment, with a reason from its fixed list."""
        if reason not in REFUSAL_REASONS:
            raise Refused(f"refusal reason {reason!r} is not one of {', '.join(REFUSAL_REASONS)}")
        self._require_open()
        self._refused(self.household_id, self.provider_id, reason, refused_on)

    @event("Refused")
    def _refused(self, household_id: UUID, provider_id: str, reason: str, refused_on: date) -> None:
        self.status = REFUSED
        self.rejection_reason = reason

    def start(self, start_date: date) -> None:
        """Care starts (iWmo 305) within the period; after a temporary stop (reason 20) it may restart."""
        if self.status not in (ACCEPTED, PAUSED):
            raise AssignmentNotAccepted(f"assignment {self.id} is {self.status}, care cannot start")
        self._require_within(start_date)
        if self.end_date is not None and start_date < self.end_date:
            raise StartOutsidePeriod(f"care paused on {self.end_date}: it cannot restart before that, on {start_date}")
        self._started(self.household_id, self.provider_id, start_date)

    @event("Started")
    def _started(self, household_id: UUID, provider_id: str, start_date: date) -> None:
        self.status = STARTED
        self.start_date = start_date

    def stop(self, end_date: date, reason_code: str) -> None:
        """Care ends (iWmo 307) with a WMO588 reason; reason 20 is a temporary stop."""
        end_reason(reason_code)
        if self.status != STARTED:
            raise CareNotStarted(f"assignment {self.id} is {self.status}, only started care can stop")
        self._require_within(end_date)
        assert self.start_date is not None
        if end_date < self.start_date:
            raise StartOutsidePeriod(f"care cannot end on {end_date}, before it started on {self.start_date}")
        self._stopped(self.household_id, self.provider_id, end_date, reason_code)

    @event("Stopped")
    def _stopped(self, household_id: UUID, provider_id: str, end_date: date, reason_code: str) -> None:
        self.status = PAUSED if reason_code == TEMPORARY_STOP else STOPPED
        self.end_date, self.end_reason = end_date, reason_code

    def declare(self, declaration_id: UUID, claim: Claim, tariff_cents: int | None, today: date) -> str | None:
        """Declare delivered volume (iWmo 323). Returns None when declared, else the reason it was refused; the
        refusal is recorded (DeclarationRefused) and stays inside the provider."""
        if claim.period_end < claim.period_start:
            raise InvalidPeriod(f"the period ends ({claim.period_end}) before it starts ({claim.period_start})")
        if claim.volume <= 0:
            raise Refused("the declared volume must be positive")
        if self.status not in DECLARABLE:
            raise AssignmentNotAccepted(f"assignment {self.id} is {self.status}, nothing can be declared")
        ended = self.end_date if self.status == STOPPED else None
        assigned = Assigned(self.volume, self.frequency, self.period_start, self.period_end, ended)
        reason = refusal(assigned, claim, self.declared_volume, tariff_cents, today)
        if reason is not None:
            self._declaration_refused(declaration_id, claim.period_start, claim.period_end, claim.volume, reason)
            return reason
        assert tariff_cents is not None
        amount = claim.volume * tariff_cents
        declared = DeclaredCare(declaration_id, claim.period_start, claim.period_end, claim.volume, self.unit, amount)
        self._declared(self.household_id, self.provider_id, declared)
        return None

    @event(Declared)
    def _declared(self, household_id: UUID, provider_id: str, declaration: DeclaredCare) -> None:
        self.declared_volume += declaration.volume
        self.declarations.append(declaration.declaration_id)

    @event("DeclarationRefused")
    def _declaration_refused(
        self, declaration_id: UUID, period_start: date, period_end: date, volume: int, reason: str
    ) -> None:
        pass

    def give_feedback(self, plan_fits: bool, remarks: str) -> None:
        """Whether the plan fitted: the loop back to the team."""
        if self.status not in DECLARABLE:
            raise AssignmentNotAccepted(f"assignment {self.id} is {self.status}, feedback needs an accepted one")
        self._feedback_given(self.household_id, self.provider_id, plan_fits, remarks)

    @event("FeedbackGiven")
    def _feedback_given(self, household_id: UUID, provider_id: str, plan_fits: bool, remarks: str) -> None:
        pass

    def reject_action(self, acting_provider_id: str, action: str, rejected_on: date) -> None:
        """Another provider tried to act on this assignment: record it (published without PII)."""
        self._action_rejected(self.household_id, acting_provider_id, action, rejected_on)

    @event("ActionRejected")
    def _action_rejected(self, household_id: UUID, acting_provider_id: str, action: str, rejected_on: date) -> None:
        pass

    def _require_open(self) -> None:
        if self.status != RECEIVED:
            raise AssignmentNotOpen(f"assignment {self.id} is already {self.status}")

    def _require_within(self, day: date) -> None:
        if not self.period_start <= day <= self.period_end:
            raise StartOutsidePeriod(f"{day} is outside {self.period_start} to {self.period_end}")
