"""A decision in a plan: a provision for a period and an amount, taken by a mandated professional."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


class InvalidDecision(ValueError):
    """A decision with a negative amount, a period that ends before it starts, or no decision maker."""


@dataclass
class Decision:
    decision_id: UUID
    provision_code: str
    budget_line: str
    amount_cents: int
    period_start: date
    period_end: date
    decided_by: str
    decided_on: date
    status: str = "taken"
    reason: str = ""


def check_decision(decision: Decision) -> None:
    if isinstance(decision.amount_cents, bool) or not isinstance(decision.amount_cents, int):
        raise InvalidDecision("amount_cents must be a whole number of euro cents")
    if decision.amount_cents < 0:
        raise InvalidDecision(f"amount_cents must not be negative, got {decision.amount_cents}")
    if decision.period_end < decision.period_start:
        raise InvalidDecision(
            f"period_end {decision.period_end.isoformat()} is before period_start {decision.period_start.isoformat()}"
        )
    if not decision.decided_by.strip():
        raise InvalidDecision("decided_by must name the professional who decided")
    if not decision.provision_code.strip():
        raise InvalidDecision("provision_code must not be empty")
