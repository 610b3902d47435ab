"""A provider assignment as the backoffice follows it: ordered (iWmo/iJw 301), started (305), stopped (307),
declared against (323) and answered (325), and paid.

Start and stop are regieberichten: they are recorded, never a condition for payment (Procesbeschrijvingen iWmo
3.2, LAW.md §2.4). A declaration is accepted only when it matches the assignment: the same provider and unit,
within the assignment period (and before a definitive stop), within the assigned volume and within the decision's
amount. Otherwise it is refused with the reason and the WJ001 retourcode. A real provider may replace our care
service, so nothing is taken on trust.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from math import ceil
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.upcasting import fold
from services.backoffice.domain.codelists import RETURN_CODES, TEMPORARY_STOP, check_end_reason

NAMESPACE = UUID("7f2c9e41-0a5b-4d3e-8b6f-2c1d9e7a4b35")


@dataclass(frozen=True)
class Order:
    """What the backoffice follows of an assignment it ordered (iWmo 301): the decision and household it serves,
    the provider, the volume per frequency period within the period, and the decision's amount."""

    decision_id: UUID
    household_id: UUID
    provider_id: str
    volume: int
    unit: str
    frequency: str
    period_start: date
    period_end: date
    amount_cents: int


@dataclass(frozen=True)
class Declaration:
    """Delivered volume for a period, as the provider declares it (iWmo 323)."""

    declaration_id: UUID
    provider_id: str
    period_start: date
    period_end: date
    volume: int
    unit: str
    amount_cents: int


def units_in(frequency: str, start: date, end: date) -> int:
    """How many frequency periods (WMO757) a period spans: days, weeks begun, months touched, or 1 for 'total'."""
    days = (end - start).days + 1
    if frequency == "1":
        return days
    if frequency == "2":
        return ceil(days / 7)
    if frequency == "4":
        return (end.year - start.year) * 12 + end.month - start.month + 1
    return 1


def refusal(code: str, detail: str) -> str:
    return f"{code} {RETURN_CODES[code]}: {detail}"


class Assignment(Aggregate):
    class Ordered(Aggregate.Created):
        """Carries the order whole (class version 2); version 1 flattened its nine fields."""

        order: Order
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(Order, state, "order")

    @event(Ordered)
    def __init__(self, id: UUID, order: Order) -> None:
        self.decision_id, self.household_id, self.provider_id = order.decision_id, order.household_id, order.provider_id
        self.volume, self.unit, self.frequency = order.volume, order.unit, order.frequency
        self.period_start, self.period_end, self.amount_cents = order.period_start, order.period_end, order.amount_cents
        self.started_on: date | None = None
        self.stopped_on: date | None = None
        self.stop_reason: str | None = None
        self.declared_volume = 0
        self.paid_cents = 0
        self.answered: set[UUID] = set()

    @property
    def assigned_volume(self) -> int:
        """The volume the whole assignment allows: volume per frequency period times the periods it spans."""
        return self.volume * units_in(self.frequency, self.period_start, self.period_end)

    def start(self, start_date: date) -> None:
        self._started(start_date=start_date)

    @event("Started")
    def _started(self, start_date: date) -> None:
        self.started_on, self.stopped_on, self.stop_reason = start_date, None, None

    def stop(self, end_date: date, reason_code: str) -> None:
        """Record the stop (307); an unknown reason code (not in WMO588) raises InvalidCode."""
        check_end_reason(reason_code)
        self._stopped(end_date=end_date, reason_code=reason_code)

    @event("Stopped")
    def _stopped(self, end_date: date, reason_code: str) -> None:
        self.stopped_on, self.stop_reason = end_date, reason_code

    def check(self, declaration: Declaration) -> str:
        """Why the declaration must be refused, or '' when it is acceptable."""
        if declaration.provider_id != self.provider_id:
            return refusal("9019", f"provider {declaration.provider_id} is not assigned; {self.provider_id} is")
        if declaration.period_end < declaration.period_start:
            return refusal("9307", "the declared period ends before it starts")
        last_day = self.period_end
        if self.stopped_on is not None and self.stop_reason != TEMPORARY_STOP:
            last_day = min(last_day, self.stopped_on)
        if declaration.period_start < self.period_start or declaration.period_end > last_day:
            return refusal(
                "9307",
                f"{declaration.period_start}..{declaration.period_end} is outside {self.period_start}..{last_day}",
            )
        if declaration.unit != self.unit:
            return refusal("9321", f"unit {declaration.unit} is not the assigned unit {self.unit}")
        allowed = self.volume * units_in(self.frequency, declaration.period_start, declaration.period_end)
        if declaration.volume > allowed or self.declared_volume + declaration.volume > self.assigned_volume:
            return refusal(
                "9321",
                f"{declaration.volume} declared, {allowed} allowed in the period, "
                f"{self.assigned_volume - self.declared_volume} left of {self.assigned_volume} assigned",
            )
        if self.paid_cents + declaration.amount_cents > self.amount_cents:
            left = self.amount_cents - self.paid_cents
            return refusal("9369", f"{declaration.amount_cents} cents declared, {left} left of the decision")
        return ""

    def answer(self, declaration: Declaration, paid_on: date) -> None:
        """Answer a declaration (325) once: accept and pay it, or refuse it with the reason."""
        if declaration.declaration_id in self.answered:
            return
        reason = self.check(declaration)
        self._answered(
            declaration_id=declaration.declaration_id,
            household_id=self.household_id,
            decision_id=self.decision_id,
            accepted=not reason,
            volume=0 if reason else declaration.volume,
            amount_cents=0 if reason else declaration.amount_cents,
            reason=reason,
        )
        if not reason:
            self._paid(
                payment_id=uuid5(NAMESPACE, f"payment:{declaration.declaration_id}"),
                household_id=self.household_id,
                decision_id=self.decision_id,
                amount_cents=declaration.amount_cents,
                paid_on=paid_on,
                payee=self.provider_id,
            )

    @event("DeclarationAnswered")
    def _answered(
        self,
        declaration_id: UUID,
        household_id: UUID,
        decision_id: UUID,
        accepted: bool,
        volume: int,
        amount_cents: int,
        reason: str,
    ) -> None:
        self.answered.add(declaration_id)
        self.declared_volume += volume

    @event("Paid")
    def _paid(
        self, payment_id: UUID, household_id: UUID, decision_id: UUID, amount_cents: int, paid_on: date, payee: str
    ) -> None:
        self.paid_cents += amount_cents
