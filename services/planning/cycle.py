"""Planning's commands of the law cycle (issue 17): refusing, refusing an escalation, the investigation reported,
revising goals, changing an arrangement after an evaluation, closing a plan, and learning that a bezwaar revoked
a decision. Functions on the application, which calls them; each ends in one save."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from eventsourcing.persistence import Tracking

from contracts.events.backoffice_cycle import DecisionRevoked
from services.planning.domain.assessment import assess_refusal, decision_of
from services.planning.domain.decision import DecisionRequest
from services.planning.domain.grounds import motivation
from services.planning.domain.household_plans import HouseholdPlans
from services.planning.domain.mandates import NotMandated
from services.planning.domain.plan import NotEscalated, Plan, UnknownDecision
from services.planning.domain.plan_team import PlanConflict
from wijk.consumer import Unprocessable

if TYPE_CHECKING:
    from services.planning.application import PlanningApplication


@dataclass(frozen=True)
class Outcome:
    """What became of a decision request: taken at once, escalated, recorded (informal) or refused."""

    decision_id: UUID
    status: str
    mandate_ref: str
    reason: str


class UnknownEvaluation(PlanConflict):
    """A change of an arrangement names an evaluation the plan does not have."""


def refuse(app: PlanningApplication, plan: Plan, request: DecisionRequest, today: date) -> Outcome:
    """A refusal by a mandate holder (403 for anyone else), with its legal ground and reasons (422 without)."""
    config = app.config
    assessment = assess_refusal(config.catalogue, config.register, request)
    decision = decision_of(uuid4(), request, assessment, config.register.mandate_giver, today)
    plan.refuse(decision)
    return Outcome(decision.decision_id, "refused", decision.mandate_ref, "")


def refuse_escalation(
    app: PlanningApplication, plan_id: UUID, decision_id: UUID, refused_by: str, ground: str, reasons: str, on: date
) -> str:
    """A mandate holder refuses an escalated proposal; returns the mandate it is refused under."""
    register = app.config.register

    def command(plan: Plan) -> str:
        pending = plan.decisions.get(decision_id)
        if pending is None:
            raise UnknownDecision(f"plan {plan.id} has no decision {decision_id}")
        if pending.status != "escalated":
            raise NotEscalated(f"decision {decision_id} is {pending.status}, not waiting for a mandate holder")
        why = motivation("refusal", pending.budget_line, ground, reasons)
        provision = app.config.catalogue.provision(pending.provision_code)
        mandate = register.mandate_for(refused_by, provision, pending.amount_cents, False)
        if mandate is None:
            holders = ", ".join(register.holders(provision, pending.amount_cents, False)) or "nobody"
            raise NotMandated(f"{refused_by} holds no mandate to refuse this escalation; may refuse: {holders}")
        plan.refuse_escalation(decision_id, refused_by, mandate.ref, register.mandate_giver, on, why)
        return mandate.ref

    return app.on_plan(plan_id, command)


def change_arrangement(
    app: PlanningApplication, plan_id: UUID, evaluation_id: UUID, decision_id: UUID, request: DecisionRequest, on: date
) -> Outcome:
    """After an evaluation the arrangement changes: the decision is replaced by a new one (a wijziging), which is
    taken, escalated or refused as any decision; the old one is withdrawn in the same save."""

    def command(plan: Plan) -> Outcome:
        if not any(e["evaluation_id"] == evaluation_id for e in plan.evaluations):
            raise UnknownEvaluation(f"plan {plan.id} has no evaluation {evaluation_id}")
        current = plan.decisions.get(decision_id)
        if current is None or not current.active:
            raise PlanConflict(f"decision {decision_id} is not in force in plan {plan.id}: nothing to change")
        outcome = app.decide(plan, request, on)
        reason = f"gewijzigd na de evaluatie van het plan ({on.isoformat()})"
        plan.cancel_decision(decision_id, request.decided_by, reason, on, replaced_by=outcome.decision_id)
        return outcome

    return app.on_plan(plan_id, command)


def close_plan(
    app: PlanningApplication, plan_id: UUID, reason: str, closed_by: str, on: date, hand_over_to: str | None
) -> None:
    """Close the plan and free the household for a new one, in one save."""
    plan: Plan = app.repository.get(plan_id)
    plan.close(reason, closed_by, on, hand_over_to)
    index = app.household_plans(plan.household_id) or HouseholdPlans(plan.household_id)
    index.close_plan(plan.id)
    app.save(plan, index)


def on_decision_revoked(app: PlanningApplication, event: DecisionRevoked, tracking: Tracking) -> None:
    """The backoffice revoked a decision after an upheld bezwaar: the plan that holds it needs a new decision."""
    if app.already_processed(tracking):
        return
    index = app.household_plans(event.household_id)
    plans: list[Plan] = [app.repository.get(i) for i in (index.plan_ids if index else [])]
    holding = [p for p in plans if event.decision_id in p.decisions]
    if not holding:
        raise Unprocessable(f"no plan in planning holds decision {event.decision_id}")
    holding[0].learn_revoked(event.decision_id, event.objection_id, event.revoked_on)
    app.record_processed(tracking, holding[0])
