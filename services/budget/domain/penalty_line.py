"""The dwangsom line: the penalties the college owes a resident for deciding too late (Awb 4:17), booked per team
and year on a line of their own, apart from the money for support.

A penalty is owed by law once the college determined it (Awb 4:18): it is never refused for want of budget, so
this line has no allocation and no ceiling; it only adds up, once per penalty. The year is the year the penalty
was determined.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.errors import Refused

NAMESPACE = UUID("6f1d2b8e-4a3c-4e7f-9b21-8c5d0e3a7f14")
PENALTY_LINE = "dwangsom"


def penalty_line_id(team_id: str, year: int) -> UUID:
    return uuid5(NAMESPACE, f"{team_id}:{year}:{PENALTY_LINE}")


class PenaltyOnWrongLine(Refused):
    """A penalty of another team or year than this line's."""


@dataclass(frozen=True)
class PenaltyBooking:
    """A determined dwangsom as budget books it."""

    penalty_id: UUID
    household_id: UUID
    team_id: str
    year: int
    amount_cents: int
    days: int
    determined_on: date


class PenaltyLine(Aggregate):
    @staticmethod
    def create_id(team_id: str, year: int) -> UUID:
        return penalty_line_id(team_id, year)

    @event("Opened")
    def __init__(self, team_id: str, year: int) -> None:
        self.team_id, self.year = team_id, year
        self.booked: dict[UUID, int] = {}
        self.total_cents = 0

    def book(self, booking: PenaltyBooking) -> bool:
        """Book the penalty once; False when it was booked before (a redelivered or republished fact)."""
        if (booking.team_id, booking.year) != (self.team_id, self.year):
            raise PenaltyOnWrongLine(f"penalty of {booking.team_id} {booking.year} on line {self.team_id} {self.year}")
        if booking.amount_cents <= 0:
            raise Refused(f"a penalty booked is a positive amount, not {booking.amount_cents} cents")
        if booking.penalty_id in self.booked:
            return False
        self._booked(booking, self.total_cents + booking.amount_cents)
        return True

    @event("Booked")
    def _booked(self, booking: PenaltyBooking, total_cents: int) -> None:
        self.booked[booking.penalty_id] = booking.amount_cents
        self.total_cents = total_cents
