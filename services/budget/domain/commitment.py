"""Where a decision's money sits: the budget's own index from decision and assignment to the line that pays.

Payments (`PaymentMade`) and cancellations (`DecisionCancelled`) name a decision; a stop of care (`CareStopped`,
iWmo 307) and a provider's refusal (`AssignmentRefused`) name an assignment. Budget finds the line through these
small aggregates, created from the facts themselves with deterministic ids, so a replay cannot create a twin.

`AssignmentRefused` and `CareStopped` (care's topic) may reach budget before the `ProviderAssigned` (backoffice's
topic) that links the assignment to its decision: the two topics are consumed independently. Such a release is
parked as a `PendingRelease`, and the `ProviderAssigned` that arrives later applies it and settles it.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

NAMESPACE = UUID("e2a7c4f9-3b1d-4e6a-9c8f-0d5b7a1e3f26")


def commitment_id(decision_id: UUID) -> UUID:
    return uuid5(NAMESPACE, f"decision:{decision_id}")


def assignment_link_id(assignment_id: UUID) -> UUID:
    return uuid5(NAMESPACE, f"assignment:{assignment_id}")


def pending_release_id(assignment_id: UUID) -> UUID:
    return uuid5(NAMESPACE, f"pending-release:{assignment_id}")


class Commitment(Aggregate):
    """A decision that got a reservation, and the line it was reserved on."""

    @staticmethod
    def create_id(decision_id: UUID) -> UUID:
        return commitment_id(decision_id)

    @event("Committed")
    def __init__(self, decision_id: UUID, household_id: UUID, team_id: str, year: int, budget_line: str) -> None:
        self.decision_id, self.household_id = decision_id, household_id
        self.team_id, self.year, self.budget_line = team_id, year, budget_line

    @property
    def line_key(self) -> tuple[str, int, str]:
        """The line that holds the decision's reservation: its budget year's, or the year it was carried into."""
        return self.team_id, self.year, self.budget_line

    def carry_to(self, year: int) -> None:
        """The year-end close carried the open reservation into `year`: payments and releases go there now."""
        if year > self.year:
            self._carried(year=year)

    @event("Carried")
    def _carried(self, year: int) -> None:
        self.year = year


class AssignmentLink(Aggregate):
    """A provider assignment (iWmo 301) and the decision it executes."""

    @staticmethod
    def create_id(assignment_id: UUID) -> UUID:
        return assignment_link_id(assignment_id)

    @event("Linked")
    def __init__(self, assignment_id: UUID, decision_id: UUID) -> None:
        self.assignment_id, self.decision_id = assignment_id, decision_id


class PendingRelease(Aggregate):
    """A release for an assignment budget cannot link to a decision yet (a refusal, or care that ended), with the
    day and the reason it will carry; settled once the assignment's `ProviderAssigned` has applied it."""

    @staticmethod
    def create_id(assignment_id: UUID) -> UUID:
        return pending_release_id(assignment_id)

    @event("Parked")
    def __init__(self, assignment_id: UUID, released_on: date, reason: str) -> None:
        self.assignment_id, self.released_on, self.reason = assignment_id, released_on, reason
        self.settled = False

    def settle(self) -> None:
        """The release was applied to the decision's reservation; once."""
        if not self.settled:
            self._settled()

    @event("Settled")
    def _settled(self) -> None:
        self.settled = True
