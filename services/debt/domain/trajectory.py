"""A debt-assistance trajectory for one household, opened by a referral from the neighbourhood team."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.debt.domain.terms import first_conversation_due

NAMESPACE = UUID("9a4e2c71-5b3d-4f08-8e6a-1d7c0b2f9e45")
REFERRED = "referred"


def trajectory_key(case_id: UUID) -> UUID:
    """One trajectory per team case: a replayed referral cannot open a twin."""
    return uuid5(NAMESPACE, str(case_id))


class DebtTrajectory(Aggregate):
    @staticmethod
    def create_id(case_id: UUID) -> UUID:
        return trajectory_key(case_id)

    @classmethod
    def refer(
        cls, case_id: UUID, household_id: UUID, team_id: str, received_on: date, threatening: bool
    ) -> DebtTrajectory:
        """A referral (hulpvraag) arrived on `received_on`; the Wgs term for the first conversation starts."""
        due = first_conversation_due(received_on, threatening)
        return cls(
            case_id=case_id,
            household_id=household_id,
            team_id=team_id,
            received_on=received_on,
            threatening=threatening,
            first_conversation_due=due,
        )

    @event("ReferralReceived")
    def __init__(
        self,
        case_id: UUID,
        household_id: UUID,
        team_id: str,
        received_on: date,
        threatening: bool,
        first_conversation_due: date,
    ) -> None:
        """The due date is stored, not recomputed, so a replay keeps the term that applied when it arrived."""
        self.case_id = case_id
        self.household_id = household_id
        self.team_id = team_id
        self.received_on = received_on
        self.threatening = threatening
        self.first_conversation_due = first_conversation_due
        self.status = REFERRED
