"""Budget's commands and queries. Commands return ids; queries return plain data, never aggregates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import RecordConflictError, Tracking

from contracts.events.planning import DecisionTaken
from services.budget.domain.budget_line import BudgetLine, budget_line_id, label
from services.budget.domain.claim import Claim
from services.budget.domain.refusal import UnfundedClaim, refusal_id
from wijk.eventstore import ServiceApplication
from wijk.settings import PlatformSettings


class UnknownBudgetLine(LookupError):
    """No budget was allocated for this team, year and line."""


@dataclass(frozen=True)
class Allocation:
    """A configured budget: what the council allocates to a team for a year and line."""

    team_id: str
    year: int
    line: str
    amount_cents: int


class BudgetApplication(ServiceApplication):
    name = "budget"

    def __init__(self, allocations: Iterable[Allocation], settings: PlatformSettings | None = None) -> None:
        self.allocations = list(allocations)
        super().__init__(settings)

    def allocate_budgets(self) -> list[UUID]:
        """Allocate every configured budget line that does not exist yet; returns the new lines' ids.

        Runs as a start hook, before the inbox subscribes, so no claim meets a line that is about to be allocated.
        """
        created = []
        for allocation in self.allocations:
            if self._find_line(allocation.team_id, allocation.year, allocation.line) is not None:
                continue
            line = BudgetLine(allocation.team_id, allocation.year, allocation.line, allocation.amount_cents)
            try:
                self.save(line)
            except RecordConflictError:
                continue  # allocated meanwhile by another instance
            created.append(line.id)
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
        self.record_processed(tracking, line)

    def lines(self, team_id: str | None = None, year: int | None = None) -> list[dict[str, Any]]:
        wanted = {
            (a.team_id, a.year, a.line)
            for a in self.allocations
            if team_id in (None, a.team_id) and year in (None, a.year)
        }
        found = [self._find_line(*key) for key in sorted(wanted)]
        return [_line_dict(line) for line in found if line is not None]

    def line(self, team_id: str, year: int, line: str) -> dict[str, Any]:
        found = self._find_line(team_id, year, line)
        if found is None:
            raise UnknownBudgetLine(f"no budget allocated for {label(team_id, year, line)}")
        return _line_dict(found)

    def _find_line(self, team_id: str, year: int, line: str) -> BudgetLine | None:
        try:
            return self.repository.get(budget_line_id(team_id, year, line))  # type: ignore[no-any-return]
        except AggregateNotFoundError:
            return None

    def _unfunded(self, claim: Claim) -> UnfundedClaim | None:
        """A refusal for a line that does not exist, unless this decision was refused already."""
        try:
            self.repository.get(refusal_id(claim.decision_id))
            return None
        except AggregateNotFoundError:
            return UnfundedClaim.refuse(claim)


def _line_dict(line: BudgetLine) -> dict[str, Any]:
    return {
        "budget_line_id": str(line.id),
        "team_id": line.team_id,
        "year": line.year,
        "line": line.line,
        "allocated_cents": line.allocated_cents,
        "reserved_cents": line.reserved_cents,
        "spent_cents": line.spent_cents,
        "remaining_cents": line.remaining_cents,
        "reservations": len(line.reservations),
    }
