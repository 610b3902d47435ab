"""A claim on a budget line the team does not have (no allocation for that team, year and line)."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.upcasting import fold
from services.budget.domain.budget_line import label
from services.budget.domain.claim import Claim, Refusal

NAMESPACE = UUID("c4e8b1d7-2a6f-4e93-8b0c-6f5d3a2e9b17")


def refusal_id(decision_id: UUID) -> UUID:
    """One refusal per decision, however often the decision is delivered."""
    return uuid5(NAMESPACE, str(decision_id))


class UnfundedClaim(Aggregate):
    """The refusal of a claim for which no budget line exists."""

    class FundsRefused(Aggregate.Created):
        """Carries the refusal whole (class version 2); version 1 flattened its eight fields."""

        refusal: Refusal
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(Refusal, state, "refusal")

    @staticmethod
    def create_id(refusal: Refusal) -> UUID:
        return refusal_id(refusal.decision_id)

    @classmethod
    def refuse(cls, claim: Claim) -> UnfundedClaim:
        return cls(claim.refused(f"{label(claim.team_id, claim.year, claim.budget_line)}: no budget allocated"))

    @event(FundsRefused)
    def __init__(self, refusal: Refusal) -> None:
        self.household_id, self.decision_id, self.plan_id = refusal.household_id, refusal.decision_id, refusal.plan_id
        self.team_id, self.year, self.budget_line = refusal.team_id, refusal.year, refusal.budget_line
        self.amount_cents = refusal.amount_cents
        self.reason = refusal.reason
