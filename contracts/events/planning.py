"""Facts published by planning, the neighbourhood team's own service."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.bounds import PLAIN, Cents, Code, Day, Measure, Reference, Who
from contracts.events.base import HouseholdEvent
from contracts.events.intake import LifeDomain
from contracts.sealed import FreeMotivation, FreeText, SealedText
from contracts.topics import facts

BudgetLine = Literal["wmo", "youth", "special_assistance", "discretionary"]
TOPIC = facts("planning")


class PlanDrafted(HouseholdEvent):
    """One household, one plan, one coordinator (één huishouden, één plan, één regisseur)."""

    type: ClassVar[str] = "nl.wijkteam.planning.plan-drafted.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    case_id: UUID
    team_id: Code
    coordinator: Who


class DecisionTaken(HouseholdEvent):
    """A professional decided on an arrangement under their mandate."""

    type: ClassVar[str] = "nl.wijkteam.planning.decision-taken.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    decision_id: UUID
    team_id: Code
    provision_code: Code
    budget_line: BudgetLine
    amount_cents: Cents = Field(description="Money is integer euro cents.")
    period_start: Day
    period_end: Day
    decided_by: Who
    decided_on: Day
    life_domain: LifeDomain | None = Field(None, description="The plan goal's life domain the arrangement serves.")
    mandate_ref: Code | None = Field(
        None, description="The mandate register row under which it was decided (Awb 10:1), e.g. ALM-M-01."
    )
    on_behalf_of: Who | None = Field(
        None, description="The mandate giver on whose behalf it is decided (Awb 10:10), e.g. the college of B&W."
    )
    escalated: bool = Field(False, description="Taken by a mandate holder after escalation, on approval.")
    proposed_by: Who | None = Field(None, description="Who proposed an escalated decision; decided_by approved it.")
    kind: Literal["award", "partial_award"] | None = Field(
        None, description="A partial award grants less than requested (absent: an award, as before issue 17)."
    )
    requested_amount_cents: Cents | None = Field(None, description="What was asked for, when more than granted.")
    legal_ground: Code | None = Field(None, description="Why not all of it: own_strength, general_provision, ...")
    legal_basis: Reference | None = Field(None, description="The article and criterion the partial refusal rests on.")
    reasons: FreeMotivation | None = Field(
        None, description="The motivation of a partial award (Awb 3:46), sealed with the household's text key."
    )
    replaces_decision_id: UUID | None = Field(None, description="The decision revoked after a bezwaar it replaces.")


class CoordinatorAssigned(HouseholdEvent):
    """A handover: the plan's one regisseur is now `coordinator`, replacing `previous_coordinator`."""

    type: ClassVar[str] = "nl.wijkteam.planning.coordinator-assigned.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    team_id: Code
    coordinator: Who
    previous_coordinator: Who
    assigned_by: Who
    assigned_on: Day


class GoalSet(HouseholdEvent):
    """A plan goal for one life domain, with what the household and its network will do themselves first
    (eigen kracht, netwerk; Wmo 2015 art. 2.3.2 lid 4)."""

    type: ClassVar[str] = "nl.wijkteam.planning.goal-set.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    team_id: Code
    life_domain: LifeDomain
    goal: FreeText
    own_strength: FreeText
    network: FreeText = ""
    set_by: Who
    set_on: Day


class DecisionEscalated(HouseholdEvent):
    """A decision outside the professional's mandate: it waits for a mandate holder's approval."""

    type: ClassVar[str] = "nl.wijkteam.planning.decision-escalated.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    decision_id: UUID
    team_id: Code
    provision_code: Code
    budget_line: BudgetLine
    amount_cents: Cents
    period_start: Day
    period_end: Day
    proposed_by: Who
    escalated_on: Day
    reason: FreeText
    deviating_rules: list[Code] = Field(
        default_factory=list, max_length=20, description="Catalogue rules the decision departs from."
    )


class DeviationRecorded(HouseholdEvent):
    """An afwijking: a decision departs from one catalogue rule, with the rule and the written justification."""

    type: ClassVar[str] = "nl.wijkteam.planning.deviation-recorded.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    deviation_id: UUID
    decision_id: UUID
    team_id: Code
    provision_code: Code
    rule_ref: Code
    rule_limit: Literal["min_age", "max_age", "max_amount_cents", "max_duration_days"]
    rule_value: Measure
    actual_value: Measure
    justification: SealedText | Annotated[str, Field(max_length=4000, pattern=PLAIN)] = Field(
        description="The written justification, sealed with the household's text key (plain before issue 18)."
    )
    decided_by: Who
    proposed_by: Who | None = None
    recorded_on: Day


class ArrangementRecorded(HouseholdEvent):
    """An informal or preventive arrangement (volunteer, mantelzorgondersteuning): no budget, yet counted."""

    type: ClassVar[str] = "nl.wijkteam.planning.arrangement-recorded.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    arrangement_id: UUID
    team_id: Code
    provision_code: Code
    life_domain: LifeDomain
    period_start: Day
    period_end: Day
    recorded_by: Who
    recorded_on: Day


class GoalEvaluation(BaseModel):
    life_domain: LifeDomain
    outcome: Literal["achieved", "partly", "not_achieved"]
    remarks: FreeText = ""


class PlanEvaluated(HouseholdEvent):
    """The team evaluated the plan's goals: each achieved, partly, or not achieved."""

    type: ClassVar[str] = "nl.wijkteam.planning.plan-evaluated.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    evaluation_id: UUID
    team_id: Code
    evaluated_by: Who
    evaluated_on: Day
    results: list[GoalEvaluation] = Field(min_length=1, max_length=8)


class DecisionCancelled(HouseholdEvent):
    """The team cancelled a decision (intrekking): what budget still holds for it is released, nothing more is
    executed. For a Wmo maatwerkvoorziening the college may withdraw the decision (Wmo 2015 art. 2.3.10)."""

    type: ClassVar[str] = "nl.wijkteam.planning.decision-cancelled.v1"
    topic: ClassVar[str] = TOPIC
    plan_id: UUID
    decision_id: UUID
    team_id: Code
    cancelled_by: Who
    reason: FreeText
    cancelled_on: Day
    replaced_by: UUID | None = Field(
        None, description="The new decision that replaces it (a change after an evaluation): a wijziging, not an end."
    )
