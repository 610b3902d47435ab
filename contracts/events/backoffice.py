"""Facts published by the backoffice, which executes what the team decided."""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from contracts.events.base import HouseholdEvent
from contracts.topics import facts

TOPIC = facts("backoffice")


class DecisionLetterIssued(HouseholdEvent):
    """The beschikking was sent; the objection term (Awb 6:7, 6:8) runs from the day after dispatch."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.decision-letter-issued.v1"
    topic: ClassVar[str] = TOPIC
    letter_id: UUID
    decision_id: UUID
    provision_code: str
    amount_cents: int = Field(ge=0)
    decision_date: date
    dispatch_date: date
    objection_deadline: date


class ProviderAssigned(HouseholdEvent):
    """A provider is assigned to deliver the provision (modelled on iWmo/iJw message 301)."""

    type: ClassVar[str] = "nl.wijkteam.backoffice.provider-assigned.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    decision_id: UUID
    provider_id: str
    product_code: str
    volume: int = Field(gt=0)
    unit: str = Field(description="iWmo unit code, e.g. 04 = hour.")
    frequency: str = Field(description="iWmo frequency code, e.g. 2 = per week.")
    period_start: date
    period_end: date
