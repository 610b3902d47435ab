"""A team's budget for one year and one line (Wmo, youth, special assistance, discretionary), in cents.

The books of a line always balance:  allocated + drawn = spent + reserved + remaining,  every term >= 0.
- a claim (a decision) reserves money, or is refused when what remains cannot carry it;
- a payment spends money: first from the decision's open reservation, any excess from what remains;
- a stop or cancellation releases what is still reserved for the decision back to what remains;
- an approved reserve draw adds money from the municipal reserve;
- the year-end close carries every open reservation into the next year's line (the obligation moves with its
  money: carried over here, carried in there), then freezes the figures; a closed line takes no new claims,
  payments, releases or draws. A year can be closed only once it has ended.

With carry-over the books read:  allocated + drawn + carried in = spent + reserved + carried over + remaining.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.errors import Conflict, Refused
from kernel.upcasting import fold
from services.budget.domain.claim import Claim, Refusal
from services.budget.domain.line_snapshot import LineSnapshot

NAMESPACE = UUID("9a3f6e21-4c7d-4b8a-b5e2-7d1c0f9a6b43")


def budget_line_id(team_id: str, year: int, line: str) -> UUID:
    return uuid5(NAMESPACE, f"{team_id}:{year}:{line}")


def label(team_id: str, year: int, line: str) -> str:
    return f"{team_id} {line} {year}"


@dataclass(frozen=True)
class Spending:
    """A payment booked on the line: from the decision's open reservation first, the excess from what remains."""

    household_id: UUID
    decision_id: UUID
    payment_id: UUID
    team_id: str
    year: int
    budget_line: str
    amount_cents: int
    from_reservation_cents: int
    paid_on: date


@dataclass(frozen=True)
class Release:
    """What was still reserved for a decision, given back to what remains (care stopped, decision cancelled)."""

    household_id: UUID
    decision_id: UUID
    team_id: str
    year: int
    budget_line: str
    amount_cents: int
    released_on: date
    reason: str


@dataclass(frozen=True)
class YearFigures:
    """The line's books at the year-end close: allocated + drawn = spent + reserved_open + released_or_unused."""

    allocated_cents: int
    reserve_draws_cents: int
    spent_cents: int
    reserved_open_cents: int
    released_or_unused_cents: int
    of_which_released_cents: int
    carried_in_cents: int | None = None
    carried_over_cents: int | None = None
    """Carry-over came after the first closes: figures recorded before it do not know them (published as null)."""


@dataclass(frozen=True)
class Carry:
    """An open reservation carried across a year-end close, as the line of `year` books it: carried over to the
    next year's line (its obligation and its money), or carried in from the previous year's."""

    household_id: UUID
    decision_id: UUID
    team_id: str
    year: int
    budget_line: str
    amount_cents: int
    carried_on: date


class ClaimOnWrongLine(Refused):
    """A claim for another team, year or line than this one."""


class Overspending(Refused):
    """A payment larger than the decision's open reservation plus what remains on the line."""


class YearAlreadyClosed(Conflict):
    """The year-end close froze this line."""


class YearNotEnded(Conflict):
    """A year is closed only after its last day (31 December)."""


class BudgetLine(Aggregate):
    """Its bookings are value objects its events carry whole (class version 2; version 1 flattened them)."""

    Snapshot = LineSnapshot
    carried_in_cents = 0
    carried_over_cents = 0
    """Class defaults: lines (and snapshots) recorded before carry-over existed start from zero."""

    class FundsReserved(Aggregate.Event):
        claim: Claim
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state.pop("year")  # the claim's own: the year its period starts in, as the line checked
            fold(Claim, state, "claim")

    class FundsRefused(Aggregate.Event):
        refusal: Refusal
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(Refusal, state, "refusal")

    class FundsSpent(Aggregate.Event):
        spending: Spending
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(Spending, state, "spending")

    class FundsReleased(Aggregate.Event):
        release: Release
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(Release, state, "release")

    class Closed(Aggregate.Event):
        team_id: str
        year: int
        budget_line: str
        closed_on: date
        figures: YearFigures
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(YearFigures, state, "figures")

    @staticmethod
    def create_id(team_id: str, year: int, line: str) -> UUID:
        return budget_line_id(team_id, year, line)

    @event("Allocated")
    def __init__(self, team_id: str, year: int, line: str, amount_cents: int) -> None:
        if amount_cents < 0:
            raise Refused(f"an allocation is never negative, got {amount_cents} cents")
        self.team_id, self.year, self.line = team_id, year, line
        self.allocated_cents = amount_cents
        self.drawn_cents = 0
        self.reserved_cents = 0
        self.spent_cents = 0
        self.released_cents = 0
        self.reservations: dict[UUID, int] = {}
        self.refused: set[UUID] = set()
        self.payments: set[UUID] = set()
        self.closed_on: date | None = None

    @property
    def name(self) -> str:
        return label(self.team_id, self.year, self.line)

    @property
    def remaining_cents(self) -> int:
        inflow = self.allocated_cents + self.drawn_cents + self.carried_in_cents
        return inflow - self.reserved_cents - self.spent_cents - self.carried_over_cents

    def open_reservations(self) -> dict[UUID, int]:
        """Decisions with money still reserved on this line, and how much (what a close carries over)."""
        return {decision: cents for decision, cents in sorted(self.reservations.items()) if cents > 0}

    def handles(self, decision_id: UUID) -> bool:
        """Whether this decision was already reserved or refused here (a claim is answered once)."""
        return decision_id in self.reservations or decision_id in self.refused

    def claim(self, claim: Claim) -> None:
        """Reserve the claim's amount, or refuse it when the remaining funds cannot carry it."""
        self._check_line(claim)
        if self.handles(claim.decision_id):
            return
        if claim.amount_cents < 0:
            raise Refused(f"a claim is never negative, got {claim.amount_cents} cents")
        if self.closed_on is not None:
            self._funds_refused(claim.refused(f"{self.name}: the year was closed on {self.closed_on}"))
        elif claim.amount_cents > self.remaining_cents:
            reason = f"{self.name}: remaining {self.remaining_cents} cents, needed {claim.amount_cents}"
            self._funds_refused(claim.refused(reason))
        else:
            self._funds_reserved(claim)

    def spend(self, household_id: UUID, decision_id: UUID, payment_id: UUID, amount_cents: int, paid_on: date) -> None:
        """Book a payment for a decision: from its open reservation first, the excess from what remains."""
        if payment_id in self.payments:
            return
        self._check_open()
        if amount_cents < 0:
            raise Refused(f"a payment is never negative, got {amount_cents} cents")
        from_reservation = min(amount_cents, self.reservations.get(decision_id, 0))
        beyond = amount_cents - from_reservation
        if beyond > self.remaining_cents:
            raise Overspending(
                f"{self.name}: payment {payment_id} of {amount_cents} cents exceeds the open reservation "
                f"({from_reservation}) plus what remains ({self.remaining_cents})"
            )
        keys = self._keys(household_id, decision_id)
        self._funds_spent(Spending(**keys, payment_id=payment_id, amount_cents=amount_cents,
                                   from_reservation_cents=from_reservation, paid_on=paid_on))  # fmt: skip

    def release(self, household_id: UUID, decision_id: UUID, released_on: date, reason: str) -> None:
        """Release what is still reserved for the decision (care stopped, decision cancelled); once."""
        open_cents = self.reservations.get(decision_id, 0)
        if open_cents == 0:
            return
        self._check_open()
        keys = self._keys(household_id, decision_id)
        self._funds_released(Release(**keys, amount_cents=open_cents, released_on=released_on, reason=reason))

    def draw(self, draw_id: UUID, amount_cents: int) -> None:
        """Add an approved draw on the municipal reserve to this line."""
        self._check_open()
        if amount_cents <= 0:
            raise Refused(f"a reserve draw is positive, got {amount_cents} cents")
        self._reserve_drawn(draw_id=draw_id, amount_cents=amount_cents)

    def carry_over(self, household_id: UUID, decision_id: UUID, carried_on: date) -> int:
        """Move the decision's open reservation out of this year (to the next year's line); returns the cents."""
        self._check_open()
        self._check_ended(carried_on)
        cents = self.reservations.get(decision_id, 0)
        if cents > 0:
            carry = Carry(**self._keys(household_id, decision_id), amount_cents=cents, carried_on=carried_on)
            self._carried_over(carry, to_year=self.year + 1)
        return cents

    def carry_in(self, household_id: UUID, decision_id: UUID, amount_cents: int, carried_on: date) -> None:
        """Take over a reservation carried from the previous year's line: its obligation and its money."""
        self._check_open()
        if amount_cents <= 0 or decision_id in self.reservations:
            return  # nothing to carry, or carried in already
        carry = Carry(**self._keys(household_id, decision_id), amount_cents=amount_cents, carried_on=carried_on)
        self._carried_in(carry, from_year=self.year - 1)

    def close(self, closed_on: date) -> None:
        """The year-end close: freeze the figures, which the statement shows; only after the year has ended."""
        self._check_open()
        self._check_ended(closed_on)
        self._closed(self.team_id, self.year, self.line, closed_on, YearFigures(**self.figures()))

    def figures(self) -> dict[str, int]:
        """The line's books: allocated + drawn + carried_in = spent + reserved_open + carried_over +
        released_or_unused."""
        return {
            "allocated_cents": self.allocated_cents,
            "reserve_draws_cents": self.drawn_cents,
            "carried_in_cents": self.carried_in_cents,
            "spent_cents": self.spent_cents,
            "reserved_open_cents": self.reserved_cents,
            "carried_over_cents": self.carried_over_cents,
            "released_or_unused_cents": self.remaining_cents,
            "of_which_released_cents": self.released_cents,
        }

    @event(FundsReserved)
    def _funds_reserved(self, claim: Claim) -> None:
        self.reservations[claim.decision_id] = claim.amount_cents
        self.reserved_cents += claim.amount_cents

    @event(FundsRefused)
    def _funds_refused(self, refusal: Refusal) -> None:
        self.refused.add(refusal.decision_id)

    @event(FundsSpent)
    def _funds_spent(self, spending: Spending) -> None:
        if spending.decision_id in self.reservations:
            self.reservations[spending.decision_id] -= spending.from_reservation_cents
        self.reserved_cents -= spending.from_reservation_cents
        self.spent_cents += spending.amount_cents
        self.payments.add(spending.payment_id)

    @event(FundsReleased)
    def _funds_released(self, release: Release) -> None:
        self.reservations[release.decision_id] = 0
        self.reserved_cents -= release.amount_cents
        self.released_cents += release.amount_cents

    @event("ReserveDrawn")
    def _reserve_drawn(self, draw_id: UUID, amount_cents: int) -> None:
        self.drawn_cents += amount_cents

    @event("CarriedOver")
    def _carried_over(self, carry: Carry, to_year: int) -> None:
        self.reservations[carry.decision_id] = 0
        self.reserved_cents -= carry.amount_cents
        self.carried_over_cents += carry.amount_cents

    @event("CarriedIn")
    def _carried_in(self, carry: Carry, from_year: int) -> None:
        self.reservations[carry.decision_id] = carry.amount_cents
        self.reserved_cents += carry.amount_cents
        self.carried_in_cents += carry.amount_cents

    @event(Closed)
    def _closed(self, team_id: str, year: int, budget_line: str, closed_on: date, figures: YearFigures) -> None:
        self.closed_on = closed_on

    def _keys(self, household_id: UUID, decision_id: UUID) -> dict[str, Any]:
        return {
            "household_id": household_id,
            "decision_id": decision_id,
            "team_id": self.team_id,
            "year": self.year,
            "budget_line": self.line,
        }

    def _check_open(self) -> None:
        if self.closed_on is not None:
            raise YearAlreadyClosed(f"{self.name} was closed on {self.closed_on}")

    def _check_ended(self, on: date) -> None:
        if on.year <= self.year:
            raise YearNotEnded(f"{self.year} has not ended: it can be closed from {self.year + 1}-01-01, not on {on}")

    def _check_line(self, claim: Claim) -> None:
        if (claim.team_id, claim.year, claim.budget_line) != (self.team_id, self.year, self.line):
            raise ClaimOnWrongLine(f"{label(claim.team_id, claim.year, claim.budget_line)} is not {self.name}")
