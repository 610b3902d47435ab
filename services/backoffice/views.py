"""The backoffice's answers as plain data: dates as ISO strings, ids as strings."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any
from uuid import UUID

from services.backoffice.domain.assignment import Assignment
from services.backoffice.domain.decision import Decision
from services.backoffice.domain.objection import Objection
from services.backoffice.domain.refusal import Refusal


def decision(decision: Decision, assignment: Assignment | None) -> dict[str, Any]:
    return {
        "decision_id": str(decision.decision_id),
        "household_id": str(decision.household_id),
        "team_id": decision.team_id,
        "provision_code": decision.provision_code,
        "budget_line": decision.budget_line,
        "amount_cents": decision.amount_cents,
        "period_start": decision.period_start.isoformat(),
        "period_end": decision.period_end.isoformat(),
        "decided_by": decision.decided_by,
        "decided_on": decision.decided_on.isoformat(),
        "letter": plain(asdict(decision.letter)) if decision.letter else None,
        "assignment": plain(asdict(decision.assignment)) if decision.assignment else None,
        "delivery": delivery(assignment) if assignment else None,
        "household_paid_on": _scalar(decision.household_paid_on),
        "objections": [str(o) for o in decision.objections],
        "kind": decision.kind,
        "withdrawal": plain(asdict(decision.withdrawal)) if decision.withdrawal else None,
        "revoked_on": _scalar(decision.revoked_on),
        "revoked_by_objection": _scalar(decision.revoked_by),
    }


def refusal(refusal: Refusal) -> dict[str, Any]:
    """A refused request and its beschikking."""
    return {
        "decision_id": str(refusal.decision_id),
        "household_id": str(refusal.household_id),
        "team_id": refusal.team_id,
        "provision_code": refusal.provision_code,
        "budget_line": refusal.budget_line,
        "kind": refusal.kind,
        "requested_amount_cents": refusal.refused.requested_amount_cents,
        "decided_by": refusal.decided_by,
        "decided_on": refusal.decided_on.isoformat(),
        "legal_ground": refusal.refused.legal_ground,
        "letter": plain(asdict(refusal.letter)) if refusal.letter else None,
        "objections": [str(o) for o in refusal.objections],
        "revoked_on": _scalar(refusal.revoked_on),
        "revoked_by_objection": _scalar(refusal.revoked_by),
    }


def delivery(assignment: Assignment) -> dict[str, Any]:
    """What happened to the assignment: start (305), stop (307), declared volume and paid amount (323/325)."""
    return {
        "started_on": _scalar(assignment.started_on),
        "stopped_on": _scalar(assignment.stopped_on),
        "stop_reason": assignment.stop_reason,
        "assigned_volume": assignment.assigned_volume,
        "declared_volume": assignment.declared_volume,
        "paid_cents": assignment.paid_cents,
        "declarations_answered": len(assignment.answered),
    }


def objection(objection: Objection) -> dict[str, Any]:
    return {
        "objection_id": str(objection.id),
        "decision_id": str(objection.decision_id),
        "lodged_on": objection.lodged_on.isoformat(),
        "timely": objection.timely,
        "grounds": objection.grounds,
        "objection_deadline": objection.objection_deadline.isoformat(),
        "advisory_committee": objection.advisory_committee,
        "decision_due": objection.decision_due.isoformat(),
        "deferred_weeks": objection.deferred_weeks,
        "outcome": objection.outcome,
        "decided_by": objection.decided_by,
        "decided_on": _scalar(objection.decided_on),
        "excused": objection.lodged.excused,
        "inadmissible_ground": objection.inadmissible_ground or None,
        "revokes": objection.revokes,
        "appeal_deadline": _scalar(objection.appeal_deadline),
    }


def plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _scalar(v) for k, v in values.items()}


def _scalar(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if isinstance(value, UUID) else value
