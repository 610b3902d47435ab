"""Base of `BudgetApplication`: where a decision's money sits, and releasing what is still reserved for it.

What is still reserved for a decision goes back to its line when
- its care has ended (`CareStopped`, iWmo 307), except on a temporary stop (WMO588 reden 20);
- the team cancelled the decision (`DecisionCancelled`, intrekking);
- the provider refused the assignment (`AssignmentRefused`): nothing will be delivered.
A release happens once; whatever was spent stays spent.

Ordering. `DecisionCancelled` and the `DecisionTaken` it cancels share planning's topic and household key, so they
arrive in order: a cancellation without a reservation is of a decision budget never reserved (escalated, informal,
or refused) and changes nothing. `AssignmentRefused` and `CareStopped` (care's topic) and `ProviderAssigned`
(backoffice's topic) do not share a partition: a refusal or a stop may arrive first. Retrying it would not do (the
inbox tries three times within a second, then dead-letters), so it is parked as a `PendingRelease`, which
`ProviderAssigned` applies and settles on arrival.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import JSONTranscoder, Tracking

from contracts.events.backoffice import ProviderAssigned
from contracts.events.care import AssignmentRefused, CareStopped
from contracts.events.iwmo import CareStopReported
from contracts.events.planning import DecisionCancelled
from kernel.errors import NotFound
from services.budget.domain.budget_line import (
    BudgetLine,
    Carry,
    Release,
    Spending,
    YearFigures,
    budget_line_id,
    label,
)
from services.budget.domain.claim import Claim, Refusal
from services.budget.domain.commitment import (
    AssignmentLink,
    Commitment,
    PendingRelease,
    assignment_link_id,
    commitment_id,
    pending_release_id,
)
from services.budget.domain.line_snapshot import SNAPSHOT_INTERVAL
from services.budget.domain.penalty_line import PenaltyBooking
from services.budget.domain.reserve import DrawApproval
from wijk.eventstore import ServiceApplication
from wijk.transcodings import ValueObjectAsDict

VALUE_OBJECTS = tuple(
    ValueObjectAsDict(value_type, f"budget_{name}")
    for value_type, name in (
        (Claim, "claim"),
        (Refusal, "refusal"),
        (Spending, "spending"),
        (Release, "release"),
        (YearFigures, "year_figures"),
        (Carry, "carry"),
        (DrawApproval, "draw_approval"),
        (PenaltyBooking, "penalty_booking"),
    )
)
"""The value objects budget's events carry whole."""
TEMPORARY_STOP = "20"
"""WMO588 reden beëindiging 20, 'levering tijdelijk beëindigd': care restarts with a new 305; nothing is released."""


class UnknownBudgetLine(NotFound):
    """No budget was allocated for this team, year and line."""


class NotKnown(NotFound):
    """Budget has no record of it: a decision never reserved for, an unknown assignment, draw or reserve."""


class ReleasingApplication(ServiceApplication):
    snapshotting_intervals = {BudgetLine: SNAPSHOT_INTERVAL}  # a busy line replays at most this many events

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        for transcoding in VALUE_OBJECTS:
            transcoder.register(transcoding)

    def on_provider_assigned(self, event: ProviderAssigned, tracking: Tracking) -> None:
        """Remember which decision an assignment executes; apply a refusal or stop that arrived before this fact."""
        if self.already_processed(tracking):
            return
        link = None
        if assignment_link_id(event.assignment_id) not in self.repository:
            link = AssignmentLink(event.assignment_id, event.decision_id)
        pending: PendingRelease | None = self._find(pending_release_id(event.assignment_id))
        line = None
        if pending is not None and not pending.settled:
            line = self._release(event.decision_id, pending.released_on, pending.reason)
            pending.settle()
        self.record_processed(tracking, link, line, pending)

    def on_care_stopped(self, event: CareStopped | CareStopReported, tracking: Tracking) -> None:
        """Release what is still reserved for the decision once its care has ended (not on a temporary stop):
        reported by the reference provider (CareStopped) or in a provider's WMO307 through the gateway."""
        if self.already_processed(tracking):
            return
        if event.reason_code == TEMPORARY_STOP:
            self.record_processed(tracking)
            return
        reason = f"care stopped on {event.end_date} (reden beëindiging {event.reason_code})"
        self._release_or_park(event.assignment_id, event.end_date, reason, tracking)

    def on_decision_cancelled(self, event: DecisionCancelled, tracking: Tracking) -> None:
        """Release what is still reserved for a cancelled decision; nothing when it never had a reservation.

        The team's free-text reason stays in planning: the release names only who cancelled it and when."""
        if self.already_processed(tracking):
            return
        line = None
        if commitment_id(event.decision_id) in self.repository:
            reason = f"decision cancelled on {event.cancelled_on} by {event.cancelled_by}"
            line = self._release(event.decision_id, event.cancelled_on, reason)
        self.record_processed(tracking, line)

    def on_assignment_refused(self, event: AssignmentRefused, tracking: Tracking) -> None:
        """The provider refused: release the decision's reservation, or park the refusal until the assignment
        is known (see the module's note on ordering)."""
        if self.already_processed(tracking):
            return
        reason = refusal_reason(event.provider_id, event.reason, event.refused_on)
        self._release_or_park(event.assignment_id, event.refused_on, reason, tracking)

    def _release_or_park(self, assignment_id: UUID, on: date, reason: str, tracking: Tracking) -> None:
        """Release the assignment's decision now, or park the release until `ProviderAssigned` links them."""
        link: AssignmentLink | None = self._find(assignment_link_id(assignment_id))
        if link is not None:
            self.record_processed(tracking, self._release(link.decision_id, on, reason))
            return
        parked = None
        if pending_release_id(assignment_id) not in self.repository:  # one release per assignment: the first
            parked = PendingRelease(assignment_id, on, reason)
        self.record_processed(tracking, parked)

    def _release(self, decision_id: UUID, on: date, reason: str) -> BudgetLine:
        """Release the decision's open reservation on its line (a no-op when nothing is open)."""
        commitment = self._commitment(decision_id)
        line = self._line(*commitment.line_key)
        line.release(commitment.household_id, commitment.decision_id, on, reason)
        return line

    def _line(self, team_id: str, year: int, line: str) -> BudgetLine:
        found = self._find_line(team_id, year, line)
        if found is None:
            raise UnknownBudgetLine(f"no budget allocated for {label(team_id, year, line)}")
        return found

    def _find_line(self, team_id: str, year: int, line: str) -> BudgetLine | None:
        return self._find(budget_line_id(team_id, year, line))  # type: ignore[no-any-return]

    def _commitment(self, decision_id: UUID) -> Commitment:
        return self._get(commitment_id(decision_id), f"decision {decision_id}")  # type: ignore[no-any-return]

    def _get(self, aggregate_id: UUID, what: str) -> Any:
        found = self._find(aggregate_id)
        if found is None:
            raise NotKnown(f"budget knows no {what}")
        return found

    def _find(self, aggregate_id: UUID) -> Any:
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None


def refusal_reason(provider_id: str, reason: str, refused_on: date) -> str:
    return f"assignment refused by {provider_id} on {refused_on} ({reason})"
