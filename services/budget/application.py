"""Budget's commands and queries. Commands return ids; queries return plain data, never aggregates."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import RecordConflictError, Tracking

from contracts.events.backoffice import PaymentMade
from contracts.events.backoffice_cycle import DecisionRevoked
from contracts.events.intake_terms import PenaltyDetermined
from contracts.events.planning import DecisionTaken
from services.budget import penalties, views
from services.budget.domain.budget_line import BudgetLine
from services.budget.domain.claim import Claim
from services.budget.domain.commitment import Commitment, commitment_id
from services.budget.domain.refusal import UnfundedClaim, refusal_id
from services.budget.domain.reserve import ReserveDraw, ReserveFund, reserve_id
from services.budget.year_end import ClosingApplication
from wijk.settings import PlatformSettings


@dataclass(frozen=True)
class Allocation:
    """A configured budget: what the council allocates to a team for a year and line."""

    team_id: str
    year: int
    line: str
    amount_cents: int


class BudgetApplication(ClosingApplication):
    name = "budget"
    batches_facts = True  # its handlers read through the repository and write through record_processed only

    def __init__(
        self,
        allocations: Iterable[Allocation],
        settings: PlatformSettings | None = None,
        reserves: dict[int, int] | None = None,
        approver_roles: Collection[str] = (),
        closer_roles: Collection[str] = (),
    ) -> None:
        self.allocations = list(allocations)
        self.reserves = dict(reserves or {})
        self.approver_roles = frozenset(approver_roles)
        self.closer_roles = frozenset(closer_roles)
        super().__init__(settings)

    def plan_budgets(self, allocations: Iterable[Allocation], reserves: dict[int, int]) -> None:
        """The budgets to allocate from now on (a new year is added as the calendar turns)."""
        self.allocations, self.reserves = list(allocations), dict(reserves)

    def allocate_budgets(self) -> list[UUID]:
        """Allocate every configured budget line and reserve that does not exist yet; returns the new ids.

        Runs as a start hook, before the inbox subscribes, so no claim meets a line that is about to be allocated.
        """
        wanted: list[Aggregate] = [BudgetLine(a.team_id, a.year, a.line, a.amount_cents) for a in self.allocations]
        wanted += [ReserveFund(year, cents) for year, cents in sorted(self.reserves.items())]
        created = []
        for aggregate in wanted:
            if aggregate.id in self.repository:
                continue
            try:
                self.save(aggregate)
            except RecordConflictError:
                continue  # allocated meanwhile by another instance
            created.append(aggregate.id)
        return created

    def on_decision_taken(self, event: DecisionTaken, tracking: Tracking) -> None:
        """Reserve the decision's amount on the team's line for the year its period starts, or refuse it."""
        if self.already_processed(tracking):
            return
        claim = Claim(**event.model_dump(include={f.name for f in fields(Claim)}))
        line = self._find_line(claim.team_id, claim.year, claim.budget_line)
        if line is None:
            self.record_processed(tracking, self._unfunded(claim))
            return
        line.claim(claim)
        commitment = None
        if claim.decision_id in line.reservations and commitment_id(claim.decision_id) not in self.repository:
            commitment = Commitment(claim.decision_id, claim.household_id, claim.team_id, claim.year, claim.budget_line)
        self.record_processed(tracking, line, commitment)

    def on_payment_made(self, event: PaymentMade, tracking: Tracking) -> None:
        """Spend: a payment to a provider or a household is booked on the decision's line."""
        if self.already_processed(tracking):
            return
        line = self.paying_line(self._commitment(event.decision_id))
        line.spend(event.household_id, event.decision_id, event.payment_id, event.amount_cents, event.paid_on)
        self.record_processed(tracking, line)

    def on_penalty_determined(self, event: PenaltyDetermined, tracking: Tracking) -> None:
        """A dwangsom (Awb 4:17, 4:18): booked on the team's own penalty line for the year."""
        penalties.on_penalty_determined(self, event, tracking)

    def on_decision_revoked(self, event: DecisionRevoked, tracking: Tracking) -> None:
        """An upheld bezwaar revoked the decision: release what is still reserved for it."""
        penalties.on_decision_revoked(self, event, tracking)

    def request_draw(
        self, team_id: str, year: int, line: str, amount_cents: int, reason: str, requested_by: str, on: date
    ) -> UUID:
        self._line(team_id, year, line)
        self._get(reserve_id(year), f"reserve {year}")
        draw = ReserveDraw(team_id, year, line, amount_cents, reason, requested_by, on)
        self.save(draw)
        return draw.id  # type: ignore[no-any-return]

    def approve_draw(self, draw_id: UUID, approved_by: str, role: str, on: date) -> None:
        """Approve a draw: the reserve gives, the line receives, in one transaction."""
        draw: ReserveDraw = self._get(draw_id, f"reserve draw {draw_id}")
        fund: ReserveFund = self._get(reserve_id(draw.year), f"reserve {draw.year}")
        line = self._line(draw.team_id, draw.year, draw.budget_line)
        draw.approve(approved_by, role, self.approver_roles, on)
        line.draw(draw.id, draw.amount_cents)
        fund.draw(draw.id, draw.amount_cents)
        self.save(draw, line, fund)

    def lines(self, team_id: str | None = None, year: int | None = None) -> list[dict[str, Any]]:
        found = [self._find_line(*key) for key in self._keys(team_id, year)]
        return [views.line(line) for line in found if line is not None]

    def line(self, team_id: str, year: int, line: str) -> dict[str, Any]:
        return views.line(self._line(team_id, year, line))

    def draw(self, draw_id: UUID) -> dict[str, Any]:
        return views.draw(self._get(draw_id, f"reserve draw {draw_id}"))

    def reserve(self, year: int) -> dict[str, Any]:
        return views.reserve(self._get(reserve_id(year), f"reserve {year}"))

    def _keys(self, team_id: str | None = None, year: int | None = None) -> list[tuple[str, int, str]]:
        return sorted(
            {
                (a.team_id, a.year, a.line)
                for a in self.allocations
                if team_id in (None, a.team_id) and year in (None, a.year)
            }
        )

    def _unfunded(self, claim: Claim) -> UnfundedClaim | None:
        """A refusal for a line that does not exist, unless this decision was refused already."""
        if refusal_id(claim.decision_id) in self.repository:
            return None
        return UnfundedClaim.refuse(claim)
