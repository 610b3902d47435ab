"""What every beschikking the backoffice sends has in common: it can be contested by bezwaar and, when the bezwaar
is upheld, revoked (herroepen, Awb 7:11 lid 2); and the value objects of the letters of the cycle.

The award (`decision.Decision`) and the refusal (`refusal.Refusal`) are kept under the same key
(`decision.decision_key`), so a bezwaar names the team's decision id whatever kind of beschikking it contests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol
from uuid import UUID

from kernel.errors import Conflict

AWARD, PARTIAL_AWARD, REFUSAL = "award", "partial_award", "refusal"
WITHDRAWAL, CHANGE = "withdrawal", "change"


class AlreadyRevoked(Conflict):
    """A beschikking is revoked once."""


@dataclass(frozen=True)
class Withdrawal:
    """The letter that withdraws (intrekking) or changes (wijziging: a new decision replaces it) a beschikking."""

    letter_id: UUID
    kind: str
    replaced_by: UUID | None
    decision_date: date
    dispatch_date: date
    objection_deadline: date
    signed_by: str
    reason: str
    """The team's reason, printed in the letter (free text: issue 18)."""


@dataclass(frozen=True)
class RefusedRequest:
    """A team's refusal as the backoffice receives it (planning's DecisionRefused): what was asked, why not."""

    decision_id: UUID
    household_id: UUID
    plan_id: UUID
    team_id: str
    provision_code: str
    budget_line: str
    requested_amount_cents: int
    period_start: date
    period_end: date
    refused_by: str
    refused_on: date
    on_behalf_of: str
    legal_ground: str
    legal_basis: str
    reasons: str


class Contestable(Protocol):
    """A beschikking a bezwaar can be lodged against."""

    @property
    def id(self) -> UUID: ...

    decision_id: UUID
    household_id: UUID
    team_id: str
    provision_code: str
    budget_line: str
    decided_by: str
    revoked_on: date | None

    @property
    def kind(self) -> str: ...

    @property
    def objection_deadline(self) -> date:
        """The last day of the bezwaartermijn of its letter (LetterNotIssued before it was sent)."""
        ...

    def register_objection(self, objection_id: UUID) -> None: ...

    def revoke(self, objection_id: UUID, revoked_on: date) -> None: ...


def check_revocable(decision_id: UUID, revoked_on: date | None) -> None:
    if revoked_on is not None:
        raise AlreadyRevoked(f"decision {decision_id} was revoked on {revoked_on.isoformat()}")


def contested_of(beschikking: Contestable) -> dict[str, str]:
    """What the facts about a beschikking name: its team, provision, budget line and kind."""
    return {
        "team_id": beschikking.team_id,
        "provision_code": beschikking.provision_code,
        "budget_line": beschikking.budget_line,
        "kind": beschikking.kind,
    }
