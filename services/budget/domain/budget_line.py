"""A team's budget for one year and one line (Wmo, youth, special assistance, discretionary), in cents.

The books of a line always balance:  allocated + drawn = spent + reserved + remaining,  every term >= 0.
- a claim (a decision) reserves money, or is refused when what remains cannot carry it;
- a payment spends money: first from the decision's open reservation, any excess from what remains;
- a stop or cancellation releases what is still reserved for the decision back to what remains;
- an approved reserve draw adds money from the municipal reserve;
- the year-end close freezes the figures; a closed line takes no new claims, payments, releases or draws.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.errors import Conflict, Refused
from services.budget.domain.claim import Claim
from services.budget.domain.line_snapshot import LineSnapshot

NAMESPACE = UUID("9a3f6e21-4c7d-4b8a-b5e2-7d1c0f9a6b43")


def budget_line_id(team_id: str, year: int, line: str) -> UUID:
    return uuid5(NAMESPACE, f"{team_id}:{year}:{line}")


def label(team_id: str, year: int, line: str) -> str:
    return f"{team_id} {line} {year}"


class ClaimOnWrongLine(Refused):
    """A claim for another team, year or line than this one."""


class Overspending(Refused):
    """A payment larger than the decision's open reservation plus what remains on the line."""


class YearAlreadyClosed(Conflict):
    """The year-end close froze this line."""


class BudgetLine(Aggregate):
    Snapshot = LineSnapshot

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
        return self.allocated_cents + self.drawn_cents - self.reserved_cents - self.spent_cents

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
            self._funds_refused(
                reason=f"{self.name}: the year was closed on {self.closed_on}", **claim.refusal_fields()
            )
        elif claim.amount_cents > self.remaining_cents:
            reason = f"{self.name}: remaining {self.remaining_cents} cents, needed {claim.amount_cents}"
            self._funds_refused(reason=reason, **claim.refusal_fields())
        else:
            self._funds_reserved(year=self.year, **claim.fields())

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
        self._funds_spent(
            **self._keys(household_id, decision_id),
            payment_id=payment_id,
            amount_cents=amount_cents,
            from_reservation_cents=from_reservation,
            paid_on=paid_on,
        )

    def release(self, household_id: UUID, decision_id: UUID, released_on: date, reason: str) -> None:
        """Release what is still reserved for the decision (care stopped, decision cancelled); once."""
        open_cents = self.reservations.get(decision_id, 0)
        if open_cents == 0:
            return
        self._check_open()
        self._funds_released(
            **self._keys(household_id, decision_id), amount_cents=open_cents, released_on=released_on, reason=reason
        )

    def draw(self, draw_id: UUID, amount_cents: int) -> None:
        """Add an approved draw on the municipal reserve to this line."""
        self._check_open()
        if amount_cents <= 0:
            raise Refused(f"a reserve draw is positive, got {amount_cents} cents")
        self._reserve_drawn(draw_id=draw_id, amount_cents=amount_cents)

    def close(self, closed_on: date) -> None:
        """The year-end close: freeze the figures, which the statement shows."""
        self._check_open()
        self._closed(team_id=self.team_id, year=self.year, budget_line=self.line, closed_on=closed_on, **self.figures())

    def figures(self) -> dict[str, int]:
        """The line's books: allocated + drawn = spent + reserved_open + released_or_unused."""
        return {
            "allocated_cents": self.allocated_cents,
            "reserve_draws_cents": self.drawn_cents,
            "spent_cents": self.spent_cents,
            "reserved_open_cents": self.reserved_cents,
            "released_or_unused_cents": self.remaining_cents,
            "of_which_released_cents": self.released_cents,
        }

    @event("FundsReserved")
    def _funds_reserved(
        self,
        household_id: UUID,
        decision_id: UUID,
        plan_id: UUID,
        team_id: str,
        year: int,
        budget_line: str,
        amount_cents: int,
        provision_code: str,
        period_start: date,
        period_end: date,
        decided_by: str,
        decided_on: date,
    ) -> None:
        self.reservations[decision_id] = amount_cents
        self.reserved_cents += amount_cents

    @event("FundsRefused")
    def _funds_refused(
        self,
        household_id: UUID,
        decision_id: UUID,
        plan_id: UUID,
        team_id: str,
        year: int,
        budget_line: str,
        amount_cents: int,
        reason: str,
    ) -> None:
        self.refused.add(decision_id)

    @event("FundsSpent")
    def _funds_spent(
        self,
        household_id: UUID,
        decision_id: UUID,
        team_id: str,
        year: int,
        budget_line: str,
        payment_id: UUID,
        amount_cents: int,
        from_reservation_cents: int,
        paid_on: date,
    ) -> None:
        if decision_id in self.reservations:
            self.reservations[decision_id] -= from_reservation_cents
        self.reserved_cents -= from_reservation_cents
        self.spent_cents += amount_cents
        self.payments.add(payment_id)

    @event("FundsReleased")
    def _funds_released(
        self,
        household_id: UUID,
        decision_id: UUID,
        team_id: str,
        year: int,
        budget_line: str,
        amount_cents: int,
        released_on: date,
        reason: str,
    ) -> None:
        self.reservations[decision_id] = 0
        self.reserved_cents -= amount_cents
        self.released_cents += amount_cents

    @event("ReserveDrawn")
    def _reserve_drawn(self, draw_id: UUID, amount_cents: int) -> None:
        self.drawn_cents += amount_cents

    @event("Closed")
    def _closed(
        self,
        team_id: str,
        year: int,
        budget_line: str,
        closed_on: date,
        allocated_cents: int,
        reserve_draws_cents: int,
        spent_cents: int,
        reserved_open_cents: int,
        released_or_unused_cents: int,
        of_which_released_cents: int,
    ) -> None:
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

    def _check_line(self, claim: Claim) -> None:
        if (claim.team_id, claim.year, claim.budget_line) != (self.team_id, self.year, self.line):
            raise ClaimOnWrongLine(f"{label(claim.team_id, claim.year, claim.budget_line)} is not {self.name}")
