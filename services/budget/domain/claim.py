"""A claim on a budget: a decision taken in a plan that needs its money set aside, and its refusal."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any
from uuid import UUID

MOTIVATION = ("kind", "requested_amount_cents", "legal_ground", "legal_basis", "reasons")
"""What a partial award adds to a claim (issue 17)."""


@dataclass(frozen=True)
class Refusal:
    """A claim the budget does not carry: which decision, on which line, how much, and why (what the plan hears)."""

    household_id: UUID
    decision_id: UUID
    plan_id: UUID
    team_id: str
    year: int
    budget_line: str
    amount_cents: int
    reason: str


@dataclass(frozen=True)
class Claim:
    """A value object: a reservation carries it whole on to the backoffice."""

    household_id: UUID
    decision_id: UUID
    plan_id: UUID
    team_id: str
    budget_line: str
    amount_cents: int
    provision_code: str
    period_start: date
    period_end: date
    decided_by: str
    decided_on: date
    kind: str = "award"
    """award, or partial_award: its motivation travels on to the backoffice's letter (issue 17)."""
    requested_amount_cents: int | None = None
    legal_ground: str = ""
    legal_basis: str = ""
    reasons: str = ""

    @property
    def year(self) -> int:
        """A decision is paid from the budget of the year its period starts in."""
        return self.period_start.year

    def fields(self) -> dict[str, Any]:
        """Everything a reservation carries on to the backoffice; an award's empty motivation stays out."""
        fields = asdict(self)
        if self.kind == "award":
            for name in MOTIVATION:
                fields.pop(name)
        return fields

    def refused(self, reason: str) -> Refusal:
        return Refusal(
            self.household_id,
            self.decision_id,
            self.plan_id,
            self.team_id,
            self.year,
            self.budget_line,
            self.amount_cents,
            reason,
        )
