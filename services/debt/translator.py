"""From debt assistance's internal domain events to the public facts it publishes."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from contracts.events.debt import (
    DebtAdmissionDecided,
    DebtArrangementReached,
    DebtIntakeHeld,
    DebtReferralReceived,
    DebtStabilised,
    DebtTermMissed,
    DebtTrajectoryClosed,
)
from services.debt.domain.trajectory import DebtTrajectory


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart stay inside debt assistance."""
    return None


@translate.register(DebtTrajectory.ReferralReceived)
def _(event: Any) -> DebtReferralReceived:
    return DebtReferralReceived(
        household_id=event.household_id,
        trajectory_id=event.originator_id,
        team_id=event.team_id,
        received_on=event.received_on,
        first_conversation_due=event.first_conversation_due,
        source=event.source,
        threatening=event.threatening,
    )


@translate.register(DebtTrajectory.IntakeHeld)
def _(event: Any) -> DebtIntakeHeld:
    return DebtIntakeHeld(
        household_id=event.household_id,
        trajectory_id=event.originator_id,
        team_id=event.team_id,
        held_on=event.held_on,
        first_conversation_due=event.first_conversation_due,
        within_term=event.within_term,
    )


@translate.register(DebtTrajectory.Stabilised)
def _(event: Any) -> DebtStabilised:
    return DebtStabilised(
        household_id=event.household_id,
        trajectory_id=event.originator_id,
        team_id=event.team_id,
        stabilised_on=event.stabilised_on,
    )


@translate.register(DebtTrajectory.ArrangementReached)
def _(event: Any) -> DebtArrangementReached:
    return DebtArrangementReached(
        household_id=event.household_id,
        trajectory_id=event.originator_id,
        team_id=event.team_id,
        arrangement=event.arrangement,
        reached_on=event.reached_on,
    )


@translate.register(DebtTrajectory.Closed)
def _(event: Any) -> DebtTrajectoryClosed:
    return DebtTrajectoryClosed(
        household_id=event.household_id,
        trajectory_id=event.originator_id,
        team_id=event.team_id,
        outcome=event.outcome,
        closed_on=event.closed_on,
    )


@translate.register(DebtTrajectory.TermMissed)
def _(event: Any) -> DebtTermMissed:
    return DebtTermMissed(
        household_id=event.household_id,
        trajectory_id=event.originator_id,
        team_id=event.team_id,
        term=event.term,
        due=event.due,
        noticed_on=event.noticed_on,
    )


@translate.register(DebtTrajectory.AdmissionDecided)  # type: ignore[attr-defined]
def _(event: Any) -> DebtAdmissionDecided:
    admission = event.admission
    return DebtAdmissionDecided(
        household_id=event.household_id,
        trajectory_id=event.originator_id,
        team_id=event.team_id,
        admitted=admission.admitted,
        refusal_ground=admission.ground or None,
        decided_by=admission.decided_by,
        decided_on=admission.decided_on,
        objection_deadline=admission.objection_deadline,
    )
