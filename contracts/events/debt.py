"""Facts published by debt assistance (schuldhulpverlening, reference implementation)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from uuid import UUID

from contracts.events.base import HouseholdEvent
from contracts.topics import facts

TOPIC = facts("debt")


class DebtReferralReceived(HouseholdEvent):
    """A referral reached debt assistance; the first conversation is due by `first_conversation_due` (Wgs)."""

    type: ClassVar[str] = "nl.wijkteam.debt.debt-referral-received.v1"
    topic: ClassVar[str] = TOPIC
    trajectory_id: UUID
    team_id: str
    received_on: date
    first_conversation_due: date
