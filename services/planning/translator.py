"""From planning's internal domain events to the public facts it publishes."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from contracts.events.planning import (
    ArrangementRecorded,
    CoordinatorAssigned,
    DecisionCancelled,
    DecisionEscalated,
    DecisionTaken,
    DeviationRecorded,
    GoalEvaluation,
    GoalSet,
    PlanDrafted,
    PlanEvaluated,
)
from services.planning.domain.plan import Plan
from services.planning.domain.plan_cancellation import CancellingPlan
from services.planning.domain.plan_escalation import EscalatingPlan
from services.planning.domain.plan_followup import FollowedUpPlan
from services.planning.domain.plan_team import CoordinatedPlan


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart (the plan learning funds, feedback, offers) stay inside.

    Events raised by a base class of `Plan` are instances of that base's event classes: register those."""
    return None


@translate.register(Plan.Drafted)
def _(event: Any) -> PlanDrafted:
    return PlanDrafted(
        household_id=event.household_id,
        plan_id=event.originator_id,
        case_id=event.case_id,
        team_id=event.team_id,
        coordinator=event.coordinator,
    )


@translate.register(Plan.DecisionTaken)
def _(event: Any) -> DecisionTaken:
    return DecisionTaken(
        household_id=event.household_id,
        plan_id=event.originator_id,
        decision_id=event.decision_id,
        team_id=event.team_id,
        provision_code=event.provision_code,
        budget_line=event.budget_line,
        amount_cents=event.amount_cents,
        period_start=event.period_start,
        period_end=event.period_end,
        decided_by=event.decided_by,
        decided_on=event.decided_on,
        life_domain=event.life_domain or None,
        mandate_ref=event.mandate_ref or None,
        on_behalf_of=event.on_behalf_of or None,
        escalated=event.escalated,
        proposed_by=event.proposed_by or None,
    )


@translate.register(CoordinatedPlan.CoordinatorAssigned)
def _(event: Any) -> CoordinatorAssigned:
    return CoordinatorAssigned(
        household_id=event.household_id,
        plan_id=event.originator_id,
        team_id=event.team_id,
        coordinator=event.coordinator,
        previous_coordinator=event.previous,
        assigned_by=event.assigned_by,
        assigned_on=event.assigned_on,
    )


@translate.register(CoordinatedPlan.GoalSet)
def _(event: Any) -> GoalSet:
    fields = ("household_id", "team_id", "life_domain", "goal", "own_strength", "network", "set_by", "set_on")
    return GoalSet(plan_id=event.originator_id, **{f: getattr(event, f) for f in fields})


@translate.register(EscalatingPlan.DecisionEscalated)
def _(event: Any) -> DecisionEscalated:
    decision = event.decision
    return DecisionEscalated(
        household_id=event.household_id,
        plan_id=event.originator_id,
        team_id=event.team_id,
        decision_id=decision["decision_id"],
        provision_code=decision["provision_code"],
        budget_line=decision["budget_line"],
        amount_cents=decision["amount_cents"],
        period_start=decision["period_start"],
        period_end=decision["period_end"],
        proposed_by=decision["decided_by"],
        escalated_on=decision["decided_on"],
        reason=event.reason,
        deviating_rules=[d["rule_ref"] for d in decision["deviations"]],
    )


@translate.register(EscalatingPlan.DeviationRecorded)
def _(event: Any) -> DeviationRecorded:
    return DeviationRecorded(
        household_id=event.household_id,
        plan_id=event.originator_id,
        team_id=event.team_id,
        deviation_id=event.deviation_id,
        decision_id=event.decision_id,
        provision_code=event.provision_code,
        rule_ref=event.rule["rule_ref"],
        rule_limit=event.rule["limit"],
        rule_value=event.rule["value"],
        actual_value=event.rule["actual"],
        justification=event.justification,
        decided_by=event.decided_by,
        proposed_by=event.proposed_by or None,
        recorded_on=event.recorded_on,
    )


@translate.register(EscalatingPlan.ArrangementRecorded)
def _(event: Any) -> ArrangementRecorded:
    decision = event.decision
    return ArrangementRecorded(
        household_id=event.household_id,
        plan_id=event.originator_id,
        team_id=event.team_id,
        arrangement_id=decision["decision_id"],
        provision_code=decision["provision_code"],
        life_domain=decision["life_domain"],
        period_start=decision["period_start"],
        period_end=decision["period_end"],
        recorded_by=decision["decided_by"],
        recorded_on=decision["decided_on"],
    )


@translate.register(FollowedUpPlan.Evaluated)
def _(event: Any) -> PlanEvaluated:
    return PlanEvaluated(
        household_id=event.household_id,
        plan_id=event.originator_id,
        team_id=event.team_id,
        evaluation_id=event.evaluation_id,
        evaluated_by=event.evaluated_by,
        evaluated_on=event.evaluated_on,
        results=[GoalEvaluation(**r) for r in event.results],
    )


@translate.register(CancellingPlan.DecisionCancelled)
def _(event: Any) -> DecisionCancelled:
    fields = ("household_id", "team_id", "decision_id", "cancelled_by", "reason", "cancelled_on")
    return DecisionCancelled(plan_id=event.originator_id, **{f: getattr(event, f) for f in fields})
