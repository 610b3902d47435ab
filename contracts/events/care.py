"""Facts published by a care provider (the reference provider implementation speaks the same contract)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from uuid import UUID

from contracts.events.base import HouseholdEvent
from contracts.topics import facts

TOPIC = facts("care")


class AssignmentAccepted(HouseholdEvent):
    """The provider accepts the assignment."""

    type: ClassVar[str] = "nl.wijkteam.care.assignment-accepted.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    provider_id: str


class CareStarted(HouseholdEvent):
    """Care has started (modelled on iWmo/iJw message 305)."""

    type: ClassVar[str] = "nl.wijkteam.care.care-started.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    provider_id: str
    start_date: date
