"""A decision in a plan: a provision for a period and an amount, taken by a mandated professional.

A `Decision` is a value object: the plan's events carry it whole, and a change of status is a new value.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol
from uuid import UUID

from kernel.errors import Refused
from services.planning.domain.deviation import DeviationRequest

TAKEN, ESCALATED, RECORDED = "taken", "escalated", "recorded"
FUNDS_RESERVED, FUNDS_REFUSED = "funds_reserved", "funds_refused"
REFUSED, REVOKED = "refused", "revoked"
AWARD, PARTIAL_AWARD, REFUSAL = "award", "partial_award", "refusal"
KINDS = (AWARD, PARTIAL_AWARD, REFUSAL)
"""A beschikking grants what was asked (toekenning), part of it (gedeeltelijke toekenning) or nothing (afwijzing)."""


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
    kind: str = AWARD
    requested_amount_cents: int | None = None
    """What the resident asked for; a partial award grants less (`amount_cents`), a refusal nothing."""
    legal_ground: str = ""
    """Why not (all) of it: a key of `grounds.GROUNDS`; required for a partial award and a refusal."""
    reasons: str = ""
    """The motivering the professional recorded (Awb 3:46); required for a partial award and a refusal."""
    replaces: UUID | None = None
    """The revoked decision this one replaces after a bezwaar was upheld (Awb 7:11 lid 2)."""


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
    kind: str = AWARD
    requested_amount_cents: int | None = None
    legal_ground: str = ""
    legal_basis: str = ""
    """The article the refusal of (part of) the request rests on, with its criterion, as the letter states it."""
    reasons: str = ""
    replaces: UUID | None = None

    @property
    def active(self) -> bool:
        """Granted and in force: taken and (being) funded, not refused, cancelled or revoked."""
        return self.status in (TAKEN, FUNDS_RESERVED)

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

    def refused_by(self, refused_by: str, mandate_ref: str, on_behalf_of: str, on: date, why: Motivation) -> Decision:
        """This escalated proposal, refused by a mandate holder with the legal ground and reasons."""
        return replace(
            self.taken_by(refused_by, mandate_ref, on_behalf_of, on),
            status=REFUSED,
            kind=REFUSAL,
            approved_by="",
            requested_amount_cents=self.amount_cents,
            legal_ground=why.ground,
            legal_basis=why.basis,
            reasons=why.reasons,
        )

    def proposal_taken_as(self, taken: Decision) -> Decision:
        """This escalated proposal as `taken`: what was proposed (its deviations, their justification, why it was
        escalated) stays with the decision. A v1 DecisionTaken carried only what the approval set."""
        return replace(
            taken, reason=self.reason, paid=self.paid, deviations=self.deviations, justification=self.justification
        )


@dataclass(frozen=True)
class Motivation:
    """Why (part of) a request is refused: the legal ground, its article and criterion, and the reasons."""

    ground: str
    basis: str
    reasons: str


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
