"""A team's budget for one year and one line (Wmo, youth, special assistance, discretionary), in cents."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.budget.domain.claim import Claim

NAMESPACE = UUID("9a3f6e21-4c7d-4b8a-b5e2-7d1c0f9a6b43")


def budget_line_id(team_id: str, year: int, line: str) -> UUID:
    return uuid5(NAMESPACE, f"{team_id}:{year}:{line}")


def label(team_id: str, year: int, line: str) -> str:
    return f"{team_id} {line} {year}"


class ClaimOnWrongLine(ValueError):
    """A claim for another team, year or line than this one."""


class BudgetLine(Aggregate):
    @staticmethod
    def create_id(team_id: str, year: int, line: str) -> UUID:
        return budget_line_id(team_id, year, line)

    @event("Allocated")
    def __init__(self, team_id: str, year: int, line: str, amount_cents: int) -> None:
        if amount_cents < 0:
            raise ValueError(f"an allocation is never negative, got {amount_cents} cents")
        self.team_id, self.year, self.line = team_id, year, line
        self.allocated_cents = amount_cents
        self.reserved_cents = 0
        self.spent_cents = 0
        self.reservations: dict[UUID, int] = {}
        self.refused: set[UUID] = set()

    @property
    def remaining_cents(self) -> int:
        return self.allocated_cents - self.reserved_cents - self.spent_cents

    def handles(self, decision_id: UUID) -> bool:
        """Whether this decision was already reserved or refused here (a claim is answered once)."""
        return decision_id in self.reservations or decision_id in self.refused

    def claim(self, claim: Claim) -> None:
        """Reserve the claim's amount, or refuse it when the remaining funds cannot carry it."""
        self._check_line(claim)
        if self.handles(claim.decision_id):
            return
        if claim.amount_cents < 0:
            raise ValueError(f"a claim is never negative, got {claim.amount_cents} cents")
        if claim.amount_cents > self.remaining_cents:
            reason = (
                f"{label(self.team_id, self.year, self.line)}: remaining {self.remaining_cents} cents, "
                f"needed {claim.amount_cents}"
            )
            self._funds_refused(reason=reason, **claim.refusal_fields())
        else:
            self._funds_reserved(year=self.year, **claim.fields())

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

    def _check_line(self, claim: Claim) -> None:
        if (claim.team_id, claim.year, claim.budget_line) != (self.team_id, self.year, self.line):
            raise ClaimOnWrongLine(
                f"{label(claim.team_id, claim.year, claim.budget_line)} is not "
                f"{label(self.team_id, self.year, self.line)}"
            )
