"""Facts published by a care provider (the reference provider implementation speaks the same contract)."""

from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.bounds import Cents, Code, Day, Volume
from contracts.events.base import HouseholdEvent
from contracts.sealed import FreeText
from contracts.topics import facts

TOPIC = facts("care")


class AssignmentAccepted(HouseholdEvent):
    """The provider accepts the assignment."""

    type: ClassVar[str] = "nl.wijkteam.care.assignment-accepted.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    provider_id: Code


class CareStarted(HouseholdEvent):
    """Care has started (modelled on iWmo/iJw message 305)."""

    type: ClassVar[str] = "nl.wijkteam.care.care-started.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    provider_id: Code
    start_date: Day


class CareStopped(HouseholdEvent):
    """Care has ended (modelled on iWmo/iJw message 307, with the official reason code, code list WMO588).

    Reason 20 (levering tijdelijk beëindigd) is a temporary stop: care may restart with a new CareStarted.
    """

    type: ClassVar[str] = "nl.wijkteam.care.care-stopped.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    provider_id: Code
    end_date: Day
    reason_code: Code = Field(
        description="Reden beëindiging, iWmo 3.2 code list WMO588: 02 overlijden, 19 levering volgens plan "
        "beëindigd, 20 tijdelijk beëindigd, 21 eenzijdig door cliënt, 22 eenzijdig door aanbieder, 23 in "
        "overeenstemming voortijdig, 31 verhuizing, 36 geïnitieerd door gemeente, 37 i.v.m. wijzigingsverzoek, "
        "38 overstap andere aanbieder, 39 uitstroom ander domein."
    )


class CareDeclared(HouseholdEvent):
    """Delivered volume declared for a period (modelled on iWmo/iJw message 323)."""

    type: ClassVar[str] = "nl.wijkteam.care.care-declared.v1"
    topic: ClassVar[str] = TOPIC
    declaration_id: UUID
    assignment_id: UUID
    provider_id: Code
    period_start: Day
    period_end: Day
    volume: Volume
    unit: Code
    amount_cents: Cents


class PlanFeedbackGiven(HouseholdEvent):
    """The provider's feedback on whether the plan fitted: the loop back to the team (Almelo)."""

    type: ClassVar[str] = "nl.wijkteam.care.plan-feedback-given.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    provider_id: Code
    plan_fits: bool
    remarks: FreeText = ""


RefusalReason = Literal["no_capacity", "not_contracted", "care_not_suitable", "client_unreachable", "other"]
ProviderAction = Literal["acceptance", "refusal", "start", "stop", "declaration", "feedback"]


class AssignmentRefused(HouseholdEvent):
    """The provider refuses the assignment. iWmo 3.2 has no message for this (the provider answers a 301 only
    with a technical 302), so the reason is this platform's own short list, never free text (no PII)."""

    type: ClassVar[str] = "nl.wijkteam.care.assignment-refused.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    provider_id: Code
    reason: RefusalReason
    refused_on: Day


class ProviderActionRejected(HouseholdEvent):
    """A provider tried to act on an assignment that is not its own; the action was refused, and recorded.

    Carries only identifiers (no PII): who tried what on which assignment, and when.
    """

    type: ClassVar[str] = "nl.wijkteam.care.provider-action-rejected.v1"
    topic: ClassVar[str] = TOPIC
    assignment_id: UUID
    acting_provider_id: Code
    action: ProviderAction
    rejected_on: Day
