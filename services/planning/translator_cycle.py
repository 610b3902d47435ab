"""From planning's events of the law cycle (refusals, personal plans, investigations, revised goals, closure) to
the facts it publishes (`contracts.events.planning_cycle`); registered on planning's `translate` by `translator`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from contracts.events.planning_cycle import (
    DecisionRefused,
    GoalRevised,
    InvestigationReported,
    PersonalPlanRecorded,
    PlanClosed,
)
from services.planning.domain.plan import Plan

if TYPE_CHECKING:
    from functools import _SingleDispatchCallable


def register(translate: _SingleDispatchCallable[Any]) -> None:
    for event_type, to_fact in TRANSLATIONS.items():
        translate.register(event_type)(to_fact)


def _plan(event: Any) -> dict[str, Any]:
    return {"household_id": event.household_id, "plan_id": event.originator_id, "team_id": event.team_id}


def _refused(event: Any) -> DecisionRefused:
    d = event.decision
    return DecisionRefused(
        **_plan(event),
        decision_id=d.decision_id,
        provision_code=d.provision_code,
        budget_line=d.budget_line,
        life_domain=d.life_domain or None,
        requested_amount_cents=d.requested_amount_cents or 0,
        period_start=d.period_start,
        period_end=d.period_end,
        refused_by=d.decided_by,
        refused_on=d.decided_on,
        mandate_ref=d.mandate_ref,
        on_behalf_of=d.on_behalf_of,
        escalated=d.escalated,
        proposed_by=d.proposed_by or None,
        legal_ground=d.legal_ground,
        legal_basis=d.legal_basis,
        reasons=d.reasons,
        replaces_decision_id=d.replaces,
    )


def _investigation(event: Any) -> InvestigationReported:
    return InvestigationReported(
        **_plan(event), case_id=event.case_id, reported_by=event.reported_by, reported_on=event.reported_on
    )


def _personal_plan(event: Any) -> PersonalPlanRecorded:
    return PersonalPlanRecorded(
        **_plan(event),
        case_id=event.case_id,
        offered_on=event.offered_on,
        handed_in=event.handed_in,
        recorded_by=event.recorded_by,
        recorded_on=event.recorded_on,
    )


def _revised(event: Any) -> GoalRevised:
    goal = event.goal
    return GoalRevised(
        **_plan(event),
        life_domain=goal.life_domain,
        revision=goal.revision,
        goal=goal.goal,
        own_strength=goal.own_strength,
        network=goal.network,
        revised_by=goal.set_by,
        revised_on=event.revised_on,
    )


def _closed(event: Any) -> PlanClosed:
    return PlanClosed(
        **_plan(event),
        reason=event.reason,
        closed_by=event.closed_by,
        closed_on=event.closed_on,
        coordinator=event.coordinator,
    )


TRANSLATIONS: dict[type, Callable[[Any], Any]] = {
    Plan.DecisionRefused: _refused,
    Plan.InvestigationReported: _investigation,  # type: ignore[attr-defined]
    Plan.PersonalPlanRecorded: _personal_plan,  # type: ignore[attr-defined]
    Plan.GoalRevised: _revised,
    Plan.Closed: _closed,  # type: ignore[attr-defined]
}
