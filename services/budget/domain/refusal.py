"""A claim on a budget line the team does not have (no allocation for that team, year and line)."""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.budget.domain.budget_line import label
from services.budget.domain.claim import Claim

NAMESPACE = UUID("c4e8b1d7-2a6f-4e93-8b0c-6f5d3a2e9b17")


def refusal_id(decision_id: UUID) -> UUID:
    """One refusal per decision, however often the decision is delivered."""
    return uuid5(NAMESPACE, str(decision_id))


class UnfundedClaim(Aggregate):
    """The refusal of a claim for which no budget line exists."""

    @staticmethod
    def create_id(decision_id: UUID) -> UUID:
        return refusal_id(decision_id)

    @classmethod
    def refuse(cls, claim: Claim) -> UnfundedClaim:
        reason = f"{label(claim.team_id, claim.year, claim.budget_line)}: no budget allocated"
        return cls(reason=reason, **claim.refusal_fields())

    @event("FundsRefused")
    def __init__(
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
        self.household_id, self.decision_id, self.plan_id = household_id, decision_id, plan_id
        self.team_id, self.year, self.budget_line = team_id, year, budget_line
        self.amount_cents = amount_cents
        self.reason = reason
