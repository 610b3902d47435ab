"""Facts published by intake, the team's front door."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.events.base import HouseholdEvent
from contracts.topics import facts

LifeDomain = Literal["income", "debts", "housing", "care", "youth", "work", "social_network", "health"]
TOPIC = facts("intake")


class SupportRequested(HouseholdEvent):
    """A melding: a resident, or a professional on their behalf, asked for support."""

    type: ClassVar[str] = "nl.wijkteam.intake.support-requested.v1"
    topic: ClassVar[str] = TOPIC
    request_id: UUID
    requested_by: Literal["resident", "professional"]
    life_domains: list[LifeDomain] = Field(min_length=1)
    received_on: date


class CaseOpened(HouseholdEvent):
    """A case opened for exactly one team, routed by the household's district."""

    type: ClassVar[str] = "nl.wijkteam.intake.case-opened.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    request_id: UUID
    district: str
    team_id: str
    opened_on: date


class DebtConcernFlagged(HouseholdEvent):
    """The intake screening found signs of debts: an early referral to debt assistance."""

    type: ClassVar[str] = "nl.wijkteam.intake.debt-concern-flagged.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: str
    flagged_on: date
    threatening: bool = Field(False, description="Eviction or disconnection of energy or water is imminent.")


class ClientSupportOffered(HouseholdEvent):
    """The resident was pointed to free independent client support (onafhankelijke cliëntondersteuning,
    Wmo 2015 art. 2.3.2 lid 2 and Jeugdwet), before the investigation."""

    type: ClassVar[str] = "nl.wijkteam.intake.client-support-offered.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: str
    offered_on: date


class ClientSupportChosen(HouseholdEvent):
    """The resident's free choice of client support: a volunteer, a professional, or none."""

    type: ClassVar[str] = "nl.wijkteam.intake.client-support-chosen.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: str
    choice: Literal["volunteer", "professional", "none"]
    chosen_on: date
