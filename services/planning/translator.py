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
    ProviderRequestAnswered,
)
from services.planning import translator_cycle
from services.planning.domain.plan import Plan
from services.planning.domain.provider_request import ProviderRequest


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart (the plan learning funds, feedback, offers) stay inside."""
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
    decision = event.decision
    return DecisionTaken(
        household_id=event.household_id,
        plan_id=event.originator_id,
        decision_id=decision.decision_id,
        team_id=event.team_id,
        provision_code=decision.provision_code,
        budget_line=decision.budget_line,
        amount_cents=decision.amount_cents,
        period_start=decision.period_start,
        period_end=decision.period_end,
        decided_by=decision.decided_by,
        decided_on=decision.decided_on,
        life_domain=decision.life_domain or None,
        mandate_ref=decision.mandate_ref or None,
        on_behalf_of=decision.on_behalf_of or None,
        escalated=decision.escalated,
        proposed_by=decision.proposed_by or None,
        **partial_award(decision),
    )


def partial_award(decision: Any) -> dict[str, Any]:
    """A partial award's motivation, and the decision it replaces; nothing for a plain award (as before)."""
    fields: dict[str, Any] = {"replaces_decision_id": decision.replaces}
    if decision.kind == "partial_award":
        fields |= {
            "kind": decision.kind,
            "requested_amount_cents": decision.requested_amount_cents,
            "legal_ground": decision.legal_ground,
            "legal_basis": decision.legal_basis,
            "reasons": decision.reasons,
        }
    return fields


@translate.register(Plan.CoordinatorAssigned)
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


@translate.register(Plan.GoalSet)
def _(event: Any) -> GoalSet:
    goal = event.goal
    return GoalSet(
        household_id=event.household_id,
        plan_id=event.originator_id,
        team_id=event.team_id,
        life_domain=goal.life_domain,
        goal=goal.goal,
        own_strength=goal.own_strength,
        network=goal.network,
        set_by=goal.set_by,
        set_on=event.set_on,
    )


@translate.register(Plan.DecisionEscalated)
def _(event: Any) -> DecisionEscalated:
    decision = event.decision
    return DecisionEscalated(
        household_id=event.household_id,
        plan_id=event.originator_id,
        team_id=event.team_id,
        decision_id=decision.decision_id,
        provision_code=decision.provision_code,
        budget_line=decision.budget_line,
        amount_cents=decision.amount_cents,
        period_start=decision.period_start,
        period_end=decision.period_end,
        proposed_by=decision.decided_by,
        escalated_on=decision.decided_on,
        reason=decision.reason,
        deviating_rules=[d["rule_ref"] for d in decision.deviations],
    )


@translate.register(Plan.DeviationRecorded)
def _(event: Any) -> DeviationRecorded:
    deviation = event.deviation
    return DeviationRecorded(
        household_id=event.household_id,
        plan_id=event.originator_id,
        team_id=event.team_id,
        deviation_id=deviation.deviation_id,
        decision_id=deviation.decision_id,
        provision_code=deviation.provision_code,
        rule_ref=deviation.rule_ref,
        rule_limit=deviation.limit,
        rule_value=deviation.value,
        actual_value=deviation.actual,
        justification=deviation.justification,
        decided_by=deviation.decided_by,
        proposed_by=deviation.proposed_by or None,
        recorded_on=deviation.recorded_on,
    )


@translate.register(Plan.ArrangementRecorded)
def _(event: Any) -> ArrangementRecorded:
    decision = event.decision
    return ArrangementRecorded(
        household_id=event.household_id,
        plan_id=event.originator_id,
        team_id=event.team_id,
        arrangement_id=decision.decision_id,
        provision_code=decision.provision_code,
        life_domain=decision.life_domain,
        period_start=decision.period_start,
        period_end=decision.period_end,
        recorded_by=decision.decided_by,
        recorded_on=decision.decided_on,
    )


@translate.register(Plan.Evaluated)
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


@translate.register(Plan.DecisionCancelled)
def _(event: Any) -> DecisionCancelled:
    fields = ("household_id", "team_id", "decision_id", "cancelled_by", "reason", "cancelled_on")
    replaced_by = getattr(event, "replaced_by", None)  # absent on events stored before issue 17
    return DecisionCancelled(
        plan_id=event.originator_id, replaced_by=replaced_by, **{f: getattr(event, f) for f in fields}
    )


translator_cycle.register(translate)


@translate.register(ProviderRequest.Answered)  # type: ignore[attr-defined]
def _(event: Any) -> ProviderRequestAnswered:
    return ProviderRequestAnswered(
        household_id=event.household_id, request_id=event.originator_id, plan_id=event.plan_id,
        provider_id=event.provider_id, taken=event.taken, refusal_reason=event.refusal_reason,
        answered_by=event.answered_by, answered_on=event.answered_on,
    )  # fmt: skip
