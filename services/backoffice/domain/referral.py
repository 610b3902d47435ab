"""A referral of a household to debt assistance (schuldhulpverlening, Wgs); debt assistance plans the first
conversation (within 4 weeks, or 3 working days when the situation is threatening: eviction, disconnection)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from kernel.errors import Refused


class DebtReferral(Aggregate):
    @event("Sent")
    def __init__(self, household_id: UUID, team_id: str, referred_on: date, threatening: bool, reason: str) -> None:
        if not team_id.strip():
            raise Refused("a referral names the team that refers")
        self.household_id, self.team_id, self.referred_on = household_id, team_id, referred_on
        self.threatening, self.reason = threatening, reason
