"""Facts published by debt assistance (schuldhulpverlening, reference implementation)."""

from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.bounds import Code, Day, Who
from contracts.events.base import HouseholdEvent
from contracts.topics import facts

TOPIC = facts("debt")


class DebtReferralReceived(HouseholdEvent):
    """A referral reached debt assistance; the first conversation is due by `first_conversation_due` (Wgs)."""

    type: ClassVar[str] = "nl.wijkteam.debt.debt-referral-received.v1"
    topic: ClassVar[str] = TOPIC
    trajectory_id: UUID
    team_id: Code
    received_on: Day
    first_conversation_due: Day
    source: Literal["intake", "backoffice", "arrears"] | None = Field(
        None, description="Who referred: intake's screening, the backoffice, or an arrears signal."
    )
    threatening: bool | None = Field(
        None, description="A bedreigende situatie (eviction, disconnection of energy or water): 3 working days."
    )


ArrangementKind = Literal["payment_arrangement", "debt_settlement", "redemption_credit", "refinancing"]
ClosureOutcome = Literal[
    "debt_free",
    "arrangement_in_place",
    "stable_without_arrangement",
    "referred_to_wsnp",
    "client_withdrew",
    "not_admitted",
    "moved_away",
]


class DebtIntakeHeld(HouseholdEvent):
    """The first conversation (eerste gesprek) took place; `within_term` tells whether the Wgs term was met."""

    type: ClassVar[str] = "nl.wijkteam.debt.debt-intake-held.v1"
    topic: ClassVar[str] = TOPIC
    trajectory_id: UUID
    team_id: Code
    held_on: Day
    first_conversation_due: Day
    within_term: bool


class DebtStabilised(HouseholdEvent):
    """Income and fixed costs are stable (stabilisatie): no new debts, the basis for an arrangement."""

    type: ClassVar[str] = "nl.wijkteam.debt.debt-stabilised.v1"
    topic: ClassVar[str] = TOPIC
    trajectory_id: UUID
    team_id: Code
    stabilised_on: Day


class DebtArrangementReached(HouseholdEvent):
    """An arrangement with the creditors: payment arrangement, (minnelijke) debt settlement, redemption credit
    (saneringskrediet) or refinancing."""

    type: ClassVar[str] = "nl.wijkteam.debt.debt-arrangement-reached.v1"
    topic: ClassVar[str] = TOPIC
    trajectory_id: UUID
    team_id: Code
    arrangement: ArrangementKind
    reached_on: Day


class DebtTrajectoryClosed(HouseholdEvent):
    """The trajectory is closed with an outcome from a fixed list."""

    type: ClassVar[str] = "nl.wijkteam.debt.debt-trajectory-closed.v1"
    topic: ClassVar[str] = TOPIC
    trajectory_id: UUID
    team_id: Code
    outcome: ClosureOutcome
    closed_on: Day


class DebtTermMissed(HouseholdEvent):
    """A statutory term passed without the step it demands: published once per trajectory and term."""

    type: ClassVar[str] = "nl.wijkteam.debt.debt-term-missed.v1"
    topic: ClassVar[str] = TOPIC
    trajectory_id: UUID
    team_id: Code
    term: Literal["first_conversation"]
    due: Day
    noticed_on: Day


class DebtAdmissionDecided(HouseholdEvent):
    """The Wgs beschikking after the intake conversation: admitted to debt assistance (toelating) or refused with
    its ground; bezwaar is open until `objection_deadline` (Awb 3:45, 6:7, 6:8). The reasons stay in the letter."""

    type: ClassVar[str] = "nl.wijkteam.debt.debt-admission-decided.v1"
    topic: ClassVar[str] = TOPIC
    trajectory_id: UUID
    team_id: Code
    admitted: bool
    refusal_ground: Literal["no_problematic_debts", "recent_trajectory", "fraud", "other"] | None = None
    decided_by: Who = Field(description="The mandate holder who decided on behalf of the college.")
    decided_on: Day
    objection_deadline: Day
