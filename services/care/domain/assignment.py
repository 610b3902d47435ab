"""An assignment (toewijzing) as the provider sees it: received, then accepted or rejected, then care starts."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

RECEIVED, ACCEPTED, REJECTED, STARTED = "received", "accepted", "rejected", "started"


class InvalidPeriod(ValueError):
    """An assignment whose period ends before it starts."""


class AssignmentNotOpen(ValueError):
    """Only a received assignment can be accepted or rejected."""


class AssignmentNotAccepted(ValueError):
    """Care starts only on an accepted assignment, and only once."""


class StartOutsidePeriod(ValueError):
    """Care starts within the assignment's period."""


class Assignment(Aggregate):
    """One provider's order to deliver a provision to a household for a period (modelled on iWmo 301)."""

    @staticmethod
    def create_id(assignment_id: UUID) -> UUID:
        return assignment_id

    @event("Received")
    def __init__(
        self,
        assignment_id: UUID,
        household_id: UUID,
        decision_id: UUID,
        provider_id: str,
        product_code: str,
        volume: int,
        unit: str,
        frequency: str,
        period_start: date,
        period_end: date,
    ) -> None:
        if period_end < period_start:
            raise InvalidPeriod(f"the period ends ({period_end}) before it starts ({period_start})")
        self.household_id = household_id
        self.decision_id = decision_id
        self.provider_id = provider_id
        self.product_code = product_code
        self.volume = volume
        self.unit = unit
        self.frequency = frequency
        self.period_start = period_start
        self.period_end = period_end
        self.status = RECEIVED
        self.rejection_reason: str | None = None
        self.start_date: date | None = None

    def accept(self) -> None:
        self._require_open()
        self._accepted(self.household_id, self.provider_id)

    @event("Accepted")
    def _accepted(self, household_id: UUID, provider_id: str) -> None:
        self.status = ACCEPTED

    def reject(self, reason: str) -> None:
        """Refuse the assignment (recorded here only: the thin slice publishes no refusal)."""
        self._require_open()
        self._rejected(reason)

    @event("Rejected")
    def _rejected(self, reason: str) -> None:
        self.status = REJECTED
        self.rejection_reason = reason

    def start(self, start_date: date) -> None:
        """Care starts (iWmo 305) on `start_date`, which lies within the assigned period."""
        if self.status != ACCEPTED:
            raise AssignmentNotAccepted(f"assignment {self.id} is {self.status}, care cannot start")
        if not self.period_start <= start_date <= self.period_end:
            raise StartOutsidePeriod(f"{start_date} is outside {self.period_start} to {self.period_end}")
        self._started(self.household_id, self.provider_id, start_date)

    @event("Started")
    def _started(self, household_id: UUID, provider_id: str, start_date: date) -> None:
        self.status = STARTED
        self.start_date = start_date

    def _require_open(self) -> None:
        if self.status != RECEIVED:
            raise AssignmentNotOpen(f"assignment {self.id} is already {self.status}")
