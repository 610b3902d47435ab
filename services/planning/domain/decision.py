"""A decision in a plan: a provision for a period and an amount, taken by a mandated professional."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol
from uuid import UUID

from kernel.errors import Refused
from services.planning.domain.deviation import DeviationRequest

TAKEN, ESCALATED, RECORDED = "taken", "escalated", "recorded"
FUNDS_RESERVED, FUNDS_REFUSED = "funds_reserved", "funds_refused"


class InvalidDecision(Refused):
    """A decision with a negative amount, a period that ends before it starts, or no decision maker."""


@dataclass(frozen=True)
class DecisionRequest:
    """What a professional asks for at the kitchen table, before the catalogue and the register are consulted."""

    provision_code: str
    amount_cents: int
    period_start: date
    period_end: date
    decided_by: str
    life_domain: str | None = None
    client_age: int | None = None
    deviation: DeviationRequest | None = None


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
    status: str = TAKEN
    reason: str = ""
    life_domain: str = ""
    paid: bool = True
    mandate_ref: str = ""
    on_behalf_of: str = ""
    escalated: bool = False
    approved_by: str = ""
    deviations: list[dict[str, Any]] = field(default_factory=list)
    """Each departed rule: {rule_ref, limit, value, actual}; all share `justification`."""
    justification: str = ""


class HasDecisionFields(Protocol):
    @property
    def provision_code(self) -> str: ...
    @property
    def amount_cents(self) -> int: ...
    @property
    def period_start(self) -> date: ...
    @property
    def period_end(self) -> date: ...
    @property
    def decided_by(self) -> str: ...


def check_decision(decision: HasDecisionFields) -> None:
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
