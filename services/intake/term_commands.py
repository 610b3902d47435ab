"""Commands on a case's decision terms (issue 17): suspension and extension (Awb 4:15, 4:14), the resident's
notice of default and the college's penalty determination (Awb 4:17, 4:18), each ending in one save; and the
penalty beschikking's letter."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from kernel.errors import NotFound
from services.intake.base import Intake
from services.intake.cases import present_case
from services.intake.domain.penalty import Default, Penalty, penalty_key
from services.intake.letter_penalty import render_penalty


def suspend_clock(intake: Intake, case_id: UUID, clock_id: str, reason: str, on: date) -> None:
    case = present_case(intake, case_id)
    case.suspend_clock(clock_id, reason, on)
    intake.save(case)


def resume_clock(intake: Intake, case_id: UUID, clock_id: str, on: date) -> date:
    case = present_case(intake, case_id)
    due = case.resume_clock(clock_id, on)
    intake.save(case)
    return due


def extend_clock(intake: Intake, case_id: UUID, clock_id: str, new_due: date, reason: str, today: date) -> None:
    case = present_case(intake, case_id)
    case.extend_clock(clock_id, new_due, reason, today)
    intake.save(case)


def receive_notice_of_default(intake: Intake, case_id: UUID, clock_id: str, received_on: date) -> dict[str, Any]:
    case = present_case(intake, case_id)
    default = case.receive_notice_of_default(clock_id, received_on)
    intake.save(case)
    return default_view(default)


def determine_penalty(
    intake: Intake, case_id: UUID, clock_id: str, determined_by: str, today: date, exemption: str = ""
) -> dict[str, Any]:
    case = present_case(intake, case_id)
    penalty = case.determine_penalty(clock_id, determined_by, today, exemption)
    intake.save(case)
    return penalty_view(case_id, penalty)


def penalty_letter(intake: Intake, case_id: UUID, clock_id: str, municipality: str) -> str:
    """The beschikking on the dwangsom as sent (404 until the penalty was determined)."""
    case = present_case(intake, case_id)
    penalty = case.penalties.get(clock_id)
    if penalty is None:
        raise NotFound(f"no penalty was determined on {clock_id} of case {case_id}")
    reference = str(penalty_key(case_id, clock_id))
    return render_penalty(case.defaults[clock_id], penalty, reference, municipality)


def default_view(default: Default) -> dict[str, Any]:
    return {
        "clock_id": default.clock_id,
        "decision_due": default.decision_due.isoformat(),
        "received_on": default.received_on.isoformat(),
        "penalty_from": default.first_day.isoformat(),
        "penalty_cap_on": default.cap_day.isoformat(),
    }


def penalty_view(case_id: UUID, penalty: Penalty) -> dict[str, Any]:
    return {
        "penalty_id": str(penalty_key(case_id, penalty.clock_id)),
        "clock_id": penalty.clock_id,
        "determined_on": penalty.determined_on.isoformat(),
        "determined_by": penalty.determined_by,
        "days": penalty.days,
        "amount_cents": penalty.amount_cents,
        "first_day": _iso(penalty.first_day),
        "last_day": _iso(penalty.last_day),
        "determination_due": _iso(penalty.determination_due),
        "in_time": penalty.in_time,
        "exemption": penalty.exemption or None,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
