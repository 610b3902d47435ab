"""Facts published by a care provider (the reference provider implementation speaks the same contract)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import Field

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


class CareStopped(HouseholdEvent):
    """Care has ended (modelled on iWmo/iJw message 307, with the official reason code, code list WJ588)."""

    type: ClassVar[str] = "nl.wijkteam.care.care-stopped.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    provider_id: str
    end_date: date
    reason_code: str = Field(description="Reden beëindiging, e.g. 01 = doelen behaald (iWmo code list).")


class CareDeclared(HouseholdEvent):
    """Delivered volume declared for a period (modelled on iWmo/iJw message 323)."""

    type: ClassVar[str] = "nl.wijkteam.care.care-declared.v1"
    topic: ClassVar[str] = TOPIC
    declaration_id: UUID
    assignment_id: UUID
    provider_id: str
    period_start: date
    period_end: date
    volume: int = Field(gt=0)
    unit: str
    amount_cents: int = Field(ge=0)


class PlanFeedbackGiven(HouseholdEvent):
    """The provider's feedback on whether the plan fitted: the loop back to the team (Almelo)."""

    type: ClassVar[str] = "nl.wijkteam.care.plan-feedback-given.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    provider_id: str
    plan_fits: bool
    remarks: str = Field("", max_length=2000)
