"""Facts intake publishes about decision terms that move, and the dwangsom when the college decides too late.

A decision term (beslistermijn) stands still while suspended (Awb 4:15) and gets a later last day when the
college says so in time (Awb 4:14). When it passed, the resident can give notice of default (ingebrekestelling);
two weeks later a penalty accrues per day, at most 42 days (Awb 4:17), which the college determines by beschikking
(Awb 4:18). Reasons are codes with their article, never free text.
"""

from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.bounds import Cents, Code, Day, Who
from contracts.events.base import HouseholdEvent
from contracts.topics import facts

TOPIC = facts("intake")
SuspensionReason = Literal["incomplete_application", "applicant_consent", "applicant_delay", "force_majeure"]
ExtensionReason = Literal["further_investigation", "advice_required", "complexity"]
Exemption = Literal["unreasonably_late", "not_interested_party", "manifestly_inadmissible"]


class StatutoryClockSuspended(HouseholdEvent):
    """A decision term stands still from `suspended_from` (Awb 4:15): it cannot be missed while suspended."""

    type: ClassVar[str] = "nl.wijkteam.intake.statutory-clock-suspended.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: Code
    clock_id: Code
    suspended_from: Day = Field(description="The first day it stands still (the day after an invitation to complete).")
    reason: SuspensionReason = Field(description="4:15 lid 1 a; lid 2 a (consent), b (applicant's delay), c.")


class StatutoryClockResumed(HouseholdEvent):
    """A suspended decision term runs again; its last day moved by the days it stood still (Atw-extended)."""

    type: ClassVar[str] = "nl.wijkteam.intake.statutory-clock-resumed.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: Code
    clock_id: Code
    resumed_on: Day
    suspended_days: int = Field(ge=0, le=3650)
    due_on: Day = Field(description="The new last day.")


class StatutoryClockExtended(HouseholdEvent):
    """The college told the applicant, before the term ended, the later day it will decide by (Awb 4:14)."""

    type: ClassVar[str] = "nl.wijkteam.intake.statutory-clock-extended.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: Code
    clock_id: Code
    notified_on: Day
    previous_due_on: Day
    due_on: Day
    reason: ExtensionReason


class NoticeOfDefaultReceived(HouseholdEvent):
    """The resident's written ingebrekestelling after the decision term passed: a penalty accrues from
    `penalty_from` unless the beschikking is sent before, for at most 42 days up to `penalty_cap_on` (Awb 4:17)."""

    type: ClassVar[str] = "nl.wijkteam.intake.notice-of-default-received.v1"
    topic: ClassVar[str] = TOPIC
    case_id: UUID
    team_id: Code
    clock_id: Code
    decision_due: Day
    received_on: Day
    penalty_from: Day
    penalty_cap_on: Day


class PenaltyDetermined(HouseholdEvent):
    """The college determined the dwangsom by beschikking (Awb 4:18): `amount_cents` for `days` days in default
    (EUR 23, 35 and 45 a day per 14 days); nothing when an exemption of Awb 4:17 lid 6 applies. Budget books it on
    the team's own penalty line."""

    type: ClassVar[str] = "nl.wijkteam.intake.penalty-determined.v1"
    topic: ClassVar[str] = TOPIC
    penalty_id: UUID
    case_id: UUID
    team_id: Code
    clock_id: Code
    determined_on: Day
    determined_by: Who = Field(description="The mandate holder who determined it on behalf of the college.")
    days: int = Field(ge=0, le=42)
    amount_cents: Cents = Field(le=144200)
    first_day: Day | None = None
    last_day: Day | None = None
    determination_due: Day | None = Field(None, description="Two weeks after the last day (Awb 4:18).")
    in_time: bool
    exemption: Exemption | None = None
