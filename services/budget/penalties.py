"""Budget's handlers of the law cycle (issue 17): a determined dwangsom is booked on the team's penalty line; a
decision revoked after an upheld bezwaar gives back what was still reserved for it, as a cancellation does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventsourcing.persistence import Tracking

from contracts.events.backoffice_cycle import DecisionRevoked
from contracts.events.intake_terms import PenaltyDetermined
from services.budget.domain.commitment import commitment_id
from services.budget.domain.penalty_line import PenaltyBooking, PenaltyLine, penalty_line_id

if TYPE_CHECKING:
    from services.budget.releases import ReleasingApplication


def on_penalty_determined(app: ReleasingApplication, event: PenaltyDetermined, tracking: Tracking) -> None:
    """Book the penalty (nothing when none is due: an exemption, or a beschikking sent within the two weeks)."""
    if app.already_processed(tracking):
        return
    if event.amount_cents == 0:
        app.record_processed(tracking)
        return
    year = event.determined_on.year
    line = app._find(penalty_line_id(event.team_id, year)) or PenaltyLine(event.team_id, year)
    booking = PenaltyBooking(
        event.penalty_id, event.household_id, event.team_id, year, event.amount_cents, event.days, event.determined_on
    )
    line.book(booking)
    app.record_processed(tracking, line)


def on_decision_revoked(app: ReleasingApplication, event: DecisionRevoked, tracking: Tracking) -> None:
    """Release what is still reserved for a revoked decision; a revoked refusal never had a reservation."""
    if app.already_processed(tracking):
        return
    line = None
    if commitment_id(event.decision_id) in app.repository:
        reason = f"decision revoked on {event.revoked_on} after bezwaar {event.objection_id} (Awb 7:11)"
        line = app._release(event.decision_id, event.revoked_on, reason)
    app.record_processed(tracking, line)
