"""A claim on a budget: a decision taken in a plan that needs its money set aside."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any
from uuid import UUID


@dataclass(frozen=True)
class Claim:
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

    @property
    def year(self) -> int:
        """A decision is paid from the budget of the year its period starts in."""
        return self.period_start.year

    def fields(self) -> dict[str, Any]:
        """Everything a reservation carries on to the backoffice."""
        return asdict(self)

    def refusal_fields(self) -> dict[str, Any]:
        """What a refusal tells the plan, besides its reason."""
        keep = ("household_id", "decision_id", "plan_id", "team_id", "budget_line", "amount_cents")
        return {"year": self.year, **{k: getattr(self, k) for k in keep}}
