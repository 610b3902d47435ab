"""Facts planning publishes about the rest of the cycle: refusals, the investigation reported, goals revised and
the plan closed (issue 17)."""

from __future__ import annotations

from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.bounds import Cents, Code, Day, Reference, Who
from contracts.events.base import HouseholdEvent
from contracts.events.intake import LifeDomain
from contracts.events.planning import BudgetLine
from contracts.sealed import FreeMotivation, FreeText
from contracts.topics import facts

TOPIC = facts("planning")
LegalGround = Literal["own_strength", "general_provision", "no_need", "not_necessary", "other"]
REASONS = (
    "The motivation the professional recorded (Awb 3:46), printed in the letter; sealed with the household's text "
    "key (issue 18), readable by the services that hold it until the household's erasure."
)


class DecisionRefused(HouseholdEvent):
    """A mandate holder refused the request (afwijzing), directly or an escalated proposal: no money is reserved
    and no care starts, but the backoffice sends a refusal beschikking with its legal ground and reasons."""

    type: ClassVar[str] = "nl.wijkteam.planning.decision-refused.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    decision_id: UUID
    team_id: Code
    provision_code: Code
    budget_line: BudgetLine
    life_domain: LifeDomain | None = None
    requested_amount_cents: Cents = Field(description="What was asked for, in euro cents.")
    period_start: Day
    period_end: Day
    refused_by: Who = Field(description="The mandate holder who refused (Awb 10:1).")
    refused_on: Day
    mandate_ref: Code = Field(description="The mandate register row it was refused under.")
    on_behalf_of: Reference = Field(description="The mandate giver named in the letter (Awb 10:10).")
    escalated: bool = Field(False, description="A proposal outside the proposer's mandate, refused by a holder.")
    proposed_by: Who | None = None
    legal_ground: LegalGround
    legal_basis: Reference = Field(description="The article and criterion the refusal rests on.")
    reasons: FreeMotivation = Field(description=REASONS)
    replaces_decision_id: UUID | None = Field(None, description="The decision revoked after a bezwaar it replaces.")


class InvestigationReported(HouseholdEvent):
    """The investigation after the melding was reported (onderzoeksverslag): its six-week term stops
    (Wmo 2015 art. 2.3.2 lid 1)."""

    type: ClassVar[str] = "nl.wijkteam.planning.investigation-reported.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    case_id: UUID
    team_id: Code
    reported_by: Who
    reported_on: Day


class PersonalPlanRecorded(HouseholdEvent):
    """The team gave the resident the opportunity to hand in a personal plan (persoonlijk plan) and recorded the
    answer: handed in, or none. The personal-plan term of the melding stops on `offered_on`: the college must give
    that opportunity within seven days of the melding (Wmo 2015 art. 2.3.2 lid 2)."""

    type: ClassVar[str] = "nl.wijkteam.planning.personal-plan-recorded.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    case_id: UUID
    team_id: Code
    offered_on: Day = Field(description="The day the resident was pointed to the right to hand in a personal plan.")
    handed_in: bool = Field(description="The resident handed in a personal plan (False: chose not to).")
    recorded_by: Who
    recorded_on: Day


class GoalRevised(HouseholdEvent):
    """A goal of the plan was revised; `revision` counts from 1 (GoalSet), the earlier ones stay in the plan."""

    type: ClassVar[str] = "nl.wijkteam.planning.goal-revised.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    team_id: Code
    life_domain: LifeDomain
    revision: int = Field(ge=2, le=10_000)
    goal: FreeText
    own_strength: FreeText
    network: FreeText = ""
    revised_by: Who
    revised_on: Day


class PlanClosed(HouseholdEvent):
    """The plan was closed: its goals met, or the household moved away. A new case drafts a new plan."""

    type: ClassVar[str] = "nl.wijkteam.planning.plan-closed.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    team_id: Code
    reason: Literal["goals_met", "moved_away"]
    closed_by: Who
    closed_on: Day
    coordinator: Who = Field(description="The plan's coordinator at closure (after any handover).")
