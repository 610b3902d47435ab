"""The municipal reserve (reserve voor onzekerheid) and draws on it by a team whose line cannot carry a need.

A team requests a draw for one of its lines; a holder of a configured role approves it (never the requester:
four eyes, inferred good practice). Approval takes the amount from the reserve of that year and adds it to the
line, so the line may carry more than its allocation, never less than zero. Source: the Zaanstad model, "a reserve
for uncertainty" (DOMAIN.md, source 003); the approving roles are the municipality's choice (funding.json).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.errors import Conflict, Forbidden, Refused
from kernel.upcasting import fold

NAMESPACE = UUID("5b0d7c3e-92a4-4f1e-8c6b-1e7a9d2f4c58")


def reserve_id(year: int) -> UUID:
    return uuid5(NAMESPACE, f"reserve:{year}")


class ReserveExhausted(Conflict):
    """The reserve cannot carry the draw."""


class DrawNotAuthorised(Forbidden):
    """The approver lacks an approving role, or is the requester (Awb-style separation of duties)."""


class DrawNotPending(Conflict):
    """A draw is decided once."""


@dataclass(frozen=True)
class DrawApproval:
    """An approved draw, as the line and the council see it: how much for which line, why, and who approved it."""

    team_id: str
    year: int
    budget_line: str
    amount_cents: int
    reason: str
    approved_by: str
    role: str
    approved_on: date


class ReserveFund(Aggregate):
    """The municipality's reserve for one year."""

    @staticmethod
    def create_id(year: int) -> UUID:
        return reserve_id(year)

    @event("Allocated")
    def __init__(self, year: int, amount_cents: int) -> None:
        if amount_cents < 0:
            raise Refused(f"a reserve is never negative, got {amount_cents} cents")
        self.year = year
        self.allocated_cents = amount_cents
        self.drawn_cents = 0

    @property
    def remaining_cents(self) -> int:
        return self.allocated_cents - self.drawn_cents

    def draw(self, draw_id: UUID, amount_cents: int) -> None:
        if amount_cents > self.remaining_cents:
            raise ReserveExhausted(
                f"reserve {self.year}: remaining {self.remaining_cents} cents, requested {amount_cents}"
            )
        self._drawn(draw_id=draw_id, amount_cents=amount_cents)

    @event("Drawn")
    def _drawn(self, draw_id: UUID, amount_cents: int) -> None:
        self.drawn_cents += amount_cents


class ReserveDraw(Aggregate):
    """A team's request to draw on the reserve for one of its lines, and its approval."""

    class Approved(Aggregate.Event):
        """Carries the approval whole (class version 2); version 1 flattened its eight fields."""

        approval: DrawApproval
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            fold(DrawApproval, state, "approval")

    @event("Requested")
    def __init__(
        self, team_id: str, year: int, budget_line: str, amount_cents: int, reason: str, requested_by: str, on: date
    ) -> None:
        if amount_cents <= 0:
            raise Refused(f"a reserve draw is positive, got {amount_cents} cents")
        if not reason.strip():
            raise Refused("a reserve draw states its reason")
        self.team_id, self.year, self.budget_line = team_id, year, budget_line
        self.amount_cents, self.reason = amount_cents, reason
        self.requested_by, self.requested_on = requested_by, on
        self.approved_by: str | None = None
        self.approved_on: date | None = None

    @property
    def status(self) -> str:
        return "approved" if self.approved_by else "requested"

    def approve(self, approved_by: str, role: str, approving_roles: Collection[str], on: date) -> None:
        if self.approved_by is not None:
            raise DrawNotPending(f"reserve draw {self.id} was already approved by {self.approved_by}")
        if role not in approving_roles:
            raise DrawNotAuthorised(f"role {role!r} may not approve reserve draws (allowed: {sorted(approving_roles)})")
        if approved_by == self.requested_by:
            raise DrawNotAuthorised(f"{approved_by} requested this draw and may not approve it too")
        request = (self.team_id, self.year, self.budget_line, self.amount_cents, self.reason)
        self._approved(DrawApproval(*request, approved_by, role, on))

    @event(Approved)
    def _approved(self, approval: DrawApproval) -> None:
        self.approved_by, self.approved_on = approval.approved_by, approval.approved_on
