"""Planning's read side: a plan as plain data for the coordinator (regisseur) and the team."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any
from uuid import UUID

from services.planning.domain.decision import Decision
from services.planning.domain.plan import Plan


def plan_view(plan: Plan) -> dict[str, Any]:
    return {
        "plan_id": str(plan.id),
        "household_id": str(plan.household_id),
        "case_id": str(plan.case_id),
        "case_ids": [str(c) for c in plan.case_ids],
        "team_id": plan.team_id,
        "coordinator": plan.coordinator,
        "coordinators": plain(plan.coordinators),
        "client_support_offered": {str(case): day.isoformat() for case, day in plan.client_support_offers.items()},
        "goals": [plain(asdict(goal)) for goal in plan.goals.values()],
        "decisions": [decision_view(d) for d in plan.decisions.values()],
        "deviations": [plain(asdict(deviation)) for deviation in plan.deviations],
        "evaluations": plain(plan.evaluations),
        "provider_feedback": plain(plan.feedback),
    } | cycle_view(plan)


def cycle_view(plan: Plan) -> dict[str, Any]:
    """What the law cycle added (issue 17): revised goals, personal plans and investigations recorded, decisions a
    bezwaar requires, and the plan's closure."""
    return {
        "goal_history": [plain(asdict(goal)) for goal in plan.goal_history],
        "investigations": {str(case): day.isoformat() for case, day in plan.investigations.items()},
        "personal_plans": {str(case): plain(recorded) for case, recorded in plan.personal_plans.items()},
        "required_decisions": {str(revoked): str(objection) for revoked, objection in plan.required_decisions.items()},
        "closed_on": plain(plan.closed_on),
        "closure_reason": plan.closure_reason,
    }


def decision_view(decision: Decision) -> dict[str, Any]:
    view = {
        "decision_id": str(decision.decision_id),
        "provision_code": decision.provision_code,
        "budget_line": decision.budget_line,
        "amount_cents": decision.amount_cents,
        "period_start": decision.period_start.isoformat(),
        "period_end": decision.period_end.isoformat(),
        "decided_by": decision.decided_by,
        "decided_on": decision.decided_on.isoformat(),
        "status": decision.status,
        "reason": decision.reason,
    }
    extra = {
        "life_domain": decision.life_domain,
        "paid": decision.paid,
        "mandate_ref": decision.mandate_ref,
        "on_behalf_of": decision.on_behalf_of,
        "escalated": decision.escalated,
        "approved_by": decision.approved_by,
        "deviating_rules": [d["rule_ref"] for d in decision.deviations],
        "justification": decision.justification,
    }
    motivation = {
        "kind": decision.kind,
        "requested_amount_cents": decision.requested_amount_cents,
        "legal_ground": decision.legal_ground,
        "legal_basis": decision.legal_basis,
        "reasons": decision.reasons,
        "replaces": plain(decision.replaces),
    }
    return view | extra | motivation


def plain(value: Any) -> Any:
    """Dates and ids as strings, recursively: JSON for the API."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value
