"""A case: opened for exactly one team, with what the intake screening found."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event


class Case(Aggregate):
    @event("Opened")
    def __init__(self, household_id: UUID, request_id: UUID, district: str, team_id: str, opened_on: date) -> None:
        self.household_id = household_id
        self.request_id = request_id
        self.district = district
        self.team_id = team_id
        self.opened_on = opened_on
        self.debt_concern = False

    def flag_debt_concern(self, flagged_on: date, threatening: bool) -> None:
        """The intake screening found signs of debts: refer early to debt assistance."""
        self._debt_concern_flagged(self.household_id, self.team_id, flagged_on, threatening)

    @event("DebtConcernFlagged")
    def _debt_concern_flagged(self, household_id: UUID, team_id: str, flagged_on: date, threatening: bool) -> None:
        self.debt_concern = True
        self.debt_flagged_on = flagged_on
        self.threatening = threatening
