"""Debt assistance's commands and queries: referrals in, trajectories with their Wgs terms out."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from contracts.events.intake import DebtConcernFlagged
from services.debt.domain.trajectory import DebtTrajectory, trajectory_key
from wijk.eventstore import ServiceApplication
from wijk.log_index import LogIndex
from wijk.settings import PlatformSettings


class DebtApplication(ServiceApplication):
    name = "debt"

    def __init__(self, settings: PlatformSettings | None = None) -> None:
        super().__init__(settings)
        self.by_household = LogIndex(self, DebtTrajectory.ReferralReceived, key=lambda e: str(e.household_id))

    def on_debt_concern_flagged(self, event: DebtConcernFlagged, tracking: Tracking) -> UUID | None:
        """Intake flagged debts: the referral is received on the day it was flagged."""
        if self.already_processed(tracking):
            return None
        if trajectory_key(event.case_id) in self.repository:
            self.record_processed(tracking)  # the same referral, republished under another position
            return None
        trajectory = DebtTrajectory.refer(
            event.case_id, event.household_id, event.team_id, event.flagged_on, event.threatening
        )
        self.record_processed(tracking, trajectory)
        return trajectory.id

    def trajectory(self, trajectory_id: UUID) -> dict[str, Any]:
        trajectory: DebtTrajectory = self.repository.get(trajectory_id)
        return {
            "trajectory_id": str(trajectory.id),
            "case_id": str(trajectory.case_id),
            "household_id": str(trajectory.household_id),
            "team_id": trajectory.team_id,
            "received_on": trajectory.received_on.isoformat(),
            "threatening": trajectory.threatening,
            "first_conversation_due": trajectory.first_conversation_due.isoformat(),
            "status": trajectory.status,
        }

    def trajectories(self, household_id: UUID) -> list[dict[str, Any]]:
        return [self.trajectory(i) for i in self.by_household.ids(str(household_id))]
