"""A decision in a plan: a provision for a period and an amount, taken by a mandated professional.

A `Decision` is a value object: the plan's events carry it whole, and a change of status is a new value.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol
from uuid import UUID

from services.planning.domain.deviation import DeviationRequest

TAKEN, ESCALATED, RECORDED = "taken", "escalated", "recorded"
FUNDS_RESERVED, FUNDS_REFUSED = "funds_reserved", "funds_refused"


class InvalidDecision(ValueError):
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


@dataclass(frozen=True)
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
    proposed_by: str = ""
    """Who proposed an escalated decision that a mandate holder then took."""

    def with_status(self, status: str, reason: str | None = None) -> Decision:
        return replace(self, status=status, reason=self.reason if reason is None else reason)

    def taken_by(self, approved_by: str, mandate_ref: str, on_behalf_of: str, on: date) -> Decision:
        """The escalated proposal, taken by a mandate holder; its proposer stays on record."""
        return replace(
            self,
            status=TAKEN,
            decided_by=approved_by,
            decided_on=on,
            mandate_ref=mandate_ref,
            on_behalf_of=on_behalf_of,
            escalated=True,
            approved_by=approved_by,
            proposed_by=self.decided_by,
        )

    def proposal_taken_as(self, taken: Decision) -> Decision:
        """This escalated proposal as `taken`: what was proposed (its deviations, their justification, why it was
        escalated) stays with the decision. A v1 DecisionTaken carried only what the approval set."""
        return replace(
            taken, reason=self.reason, paid=self.paid, deviations=self.deviations, justification=self.justification
        )


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
