"""Commands on an open case: client support, applications (aanvragen), clocks that stop, the debt screening."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from services.intake.base import Intake
from services.intake.domain.case import Case
from services.intake.domain.clocks import Clock
from services.intake.domain.screening import DebtScreening
from services.intake.terms import decision_clock


@dataclass(frozen=True)
class ApplicationOpened:
    case_id: UUID
    application_id: UUID
    domain: str
    received_on: date
    decision_due_on: date
    legal_basis: str


def present_case(intake: Intake, case_id: UUID) -> Case:
    """The case, when its household was not erased (HouseholdErased, 410, otherwise)."""
    case = intake.get_case(case_id)
    intake.present_household(case.household_id)
    return case


def offer_client_support(intake: Intake, case_id: UUID, offered_by: str, today: date) -> date:
    case = present_case(intake, case_id)
    case.offer_client_support(offered_by, today)
    intake.save(case)
    return today


def choose_client_support(intake: Intake, case_id: UUID, choice: str, today: date) -> date:
    case = present_case(intake, case_id)
    case.choose_client_support(choice, today)
    intake.save(case)
    return today


def receive_application(intake: Intake, case_id: UUID, domain: str, today: date) -> ApplicationOpened:
    """An aanvraag: recorded with its decision clock (beslistermijn) in one save."""
    case = present_case(intake, case_id)
    application_id = uuid.uuid4()
    clock = decision_clock(domain, str(application_id), today)
    case.receive_application(application_id, domain, today)
    case.start_clock(clock)
    intake.save(case)
    return ApplicationOpened(case_id, application_id, domain, today, clock.due_on, clock.legal_basis)


def stop_clock(intake: Intake, case_id: UUID, clock_id: str, stopped_on: date) -> bool:
    case = present_case(intake, case_id)
    in_time = case.stop_clock(clock_id, stopped_on)
    intake.save(case)
    return in_time


def screen_debts(intake: Intake, case_id: UUID, screening: DebtScreening, today: date) -> bool:
    case = present_case(intake, case_id)
    concern = case.screen_debts(screening, today)
    intake.save(case)
    return concern


def case_view(case: Case) -> dict[str, Any]:
    return {
        "case_id": str(case.id),
        "household_id": str(case.household_id),
        "district": case.district,
        "team_id": case.team_id,
        "opened_on": case.opened_on.isoformat(),
        "debt_concern": case.debt_concern,
        "receipt_confirmed_on": _iso(case.receipt_confirmed_on),
        "client_support_offered_on": _iso(case.client_support_offered_on),
        "client_support_choice": case.client_support_choice,
        "applications": case.applications,
        "clocks": [clock_view(c) for c in case.clocks.values()],
    }


def clock_view(clock: Clock) -> dict[str, Any]:
    return {
        "clock": clock.clock,
        "clock_id": clock.clock_id,
        "started_on": clock.started_on.isoformat(),
        "due_on": clock.due_on.isoformat(),
        "counting": clock.counting,
        "legal_basis": clock.legal_basis,
        "stopped_on": _iso(clock.stopped_on),
        "missed_on": _iso(clock.missed_on),
        "suspended_from": _iso(clock.suspended_from),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
