"""Facts published by intake, the team's front door."""

from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.bounds import Cents, Code, Day, Reference, Text
from contracts.events.base import HouseholdEvent, IntegrationEvent
from contracts.topics import facts

LifeDomain = Literal["income", "debts", "housing", "care", "youth", "work", "social_network", "health"]
TOPIC = facts("intake")


class SupportRequested(HouseholdEvent):
    """A melding: a resident, or a professional on their behalf, asked for support."""

    type: ClassVar[str] = "nl.wijkteam.intake.support-requested.v1"
    topic: ClassVar[str] = TOPIC
    request_id: UUID
    requested_by: Literal["resident", "professional"]
    life_domains: list[LifeDomain] = Field(min_length=1, max_length=8)
    received_on: Day


class CaseOpened(HouseholdEvent):
    """A case opened for exactly one team, routed by the household's district."""

    type: ClassVar[str] = "nl.wijkteam.intake.case-opened.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    request_id: UUID
    district: Code
    team_id: Code
    opened_on: Day


class DebtConcernFlagged(HouseholdEvent):
    """The intake screening found signs of debts: an early referral to debt assistance."""

    type: ClassVar[str] = "nl.wijkteam.intake.debt-concern-flagged.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: Code
    flagged_on: Day
    threatening: bool = Field(False, description="Eviction or disconnection of energy or water is imminent.")


class ClientSupportOffered(HouseholdEvent):
    """The resident was pointed to free independent client support (onafhankelijke cliëntondersteuning,
    Wmo 2015 art. 2.3.2 lid 2 and Jeugdwet), before the investigation."""

    type: ClassVar[str] = "nl.wijkteam.intake.client-support-offered.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: Code
    offered_on: Day


class ClientSupportChosen(HouseholdEvent):
    """The resident's free choice of client support: a volunteer, a professional, or none."""

    type: ClassVar[str] = "nl.wijkteam.intake.client-support-chosen.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: Code
    choice: Literal["volunteer", "professional", "none"]
    chosen_on: Day


class HouseholdErased(HouseholdEvent):
    """The household's personal data was erased (AVG art. 17) by destroying its key (crypto-shredding). Carries no
    personal data: the household's earlier facts stay on the bus and keep counting; consumers drop what they hold."""

    type: ClassVar[str] = "nl.wijkteam.intake.household-erased.v1"
    topic: ClassVar[str] = TOPIC
    erased_on: Day


Clock = Literal["personal_plan", "investigation", "decision"]


class ReceiptConfirmed(HouseholdEvent):
    """Receipt of the melding was confirmed to the resident (Wmo 2015 art. 2.3.2 lid 1)."""

    type: ClassVar[str] = "nl.wijkteam.intake.receipt-confirmed.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    request_id: UUID
    team_id: Code
    confirmed_on: Day


class ApplicationReceived(HouseholdEvent):
    """An aanvraag for a provision: the decision term (beslistermijn) starts the day after `received_on`."""

    type: ClassVar[str] = "nl.wijkteam.intake.application-received.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    application_id: UUID
    team_id: Code
    domain: Literal["wmo", "youth", "special_assistance"]
    received_on: Day


class StatutoryClockStarted(HouseholdEvent):
    """A statutory term started for a case; `due_on` is its last day (already extended under the Atw)."""

    type: ClassVar[str] = "nl.wijkteam.intake.statutory-clock-started.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: Code
    clock: Clock
    clock_id: Code = Field(description="Unique within the case, e.g. `investigation` or `decision:<application id>`.")
    started_on: Day
    due_on: Day
    counting: Literal["calendar_days", "working_days"]
    legal_basis: Reference


class StatutoryClockStopped(HouseholdEvent):
    """What the term was for happened (plan handed in, investigation reported, decision taken)."""

    type: ClassVar[str] = "nl.wijkteam.intake.statutory-clock-stopped.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: Code
    clock: Clock
    clock_id: Code
    stopped_on: Day
    in_time: bool


class StatutoryTermMissed(HouseholdEvent):
    """A statutory term passed with its clock still running: the law was not met for this case."""

    type: ClassVar[str] = "nl.wijkteam.intake.statutory-term-missed.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: Code
    clock: Clock
    clock_id: Code
    due_on: Day
    detected_on: Day
    legal_basis: Reference


class SignalReceived(HouseholdEvent):
    """A network partner's signal, merged into a household. Pseudonymous: no BSN, name or address."""

    type: ClassVar[str] = "nl.wijkteam.intake.signal-received.v1"
    topic: ClassVar[str] = TOPIC
    signal_id: UUID
    case_id: UUID
    team_id: Code
    partner_id: Code
    kind: Literal["payment_arrears", "concern"]
    received_on: Day
    new_household: bool = Field(description="True when no known household matched and one was registered.")


class SignalRejected(IntegrationEvent):
    """A partner signal refused because its sender is not registered for the topic it came on. No personal data:
    the fact names the sender's source and the topic, keyed by the signal's own id."""

    type: ClassVar[str] = "nl.wijkteam.intake.signal-rejected.v1"
    topic: ClassVar[str] = TOPIC
    signal_id: UUID
    source: Reference
    signal_topic: Reference
    reason: Text
    rejected_on: Day

    @property
    def subject(self) -> str:
        return str(self.signal_id)


class HelpOffered(HouseholdEvent):
    """A hulpaanbod after a payment-arrears signal (vroegsignalering, Wgs art. 3 and Bgs art. 2)."""

    type: ClassVar[str] = "nl.wijkteam.intake.help-offered.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    signal_id: UUID
    team_id: Code
    partner_id: Code
    arrears_cents: Cents = Field(description="The arrears the partner reported, in euro cents.")
    offered_on: Day


class SatisfactionRecorded(HouseholdEvent):
    """A resident's answer to the client-experience survey (cliëntervaringsonderzoek, Wmo 2015 art. 2.5.1):
    satisfaction with the team's support as a score from 1 to 10. Measured, not claimed (Blenk)."""

    type: ClassVar[str] = "nl.wijkteam.intake.satisfaction-recorded.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: Code
    score: int = Field(ge=1, le=10)
    answered_on: Day
