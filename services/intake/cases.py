"""Commands on an open case: client support, applications (aanvragen), clocks that stop, the debt screening."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from services.intake.base import IntakeBase
from services.intake.domain.case import Case
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


class CaseCommands(IntakeBase):
    def open_case_of_present_household(self, case_id: UUID) -> Case:
        """The case, when its household was not erased (HouseholdErased, 410, otherwise)."""
        case = self.get_case(case_id)
        self.present_household(case.household_id)
        return case

    def offer_client_support(self, case_id: UUID, offered_by: str, today: date) -> date:
        case = self.open_case_of_present_household(case_id)
        case.offer_client_support(offered_by, today)
        self.save(case)
        return today

    def choose_client_support(self, case_id: UUID, choice: str, today: date) -> date:
        case = self.open_case_of_present_household(case_id)
        case.choose_client_support(choice, today)
        self.save(case)
        return today

    def receive_application(self, case_id: UUID, domain: str, today: date) -> ApplicationOpened:
        """An aanvraag: recorded with its decision clock (beslistermijn) in one save."""
        case = self.open_case_of_present_household(case_id)
        application_id = uuid.uuid4()
        clock = decision_clock(domain, str(application_id), today)
        case.receive_application(application_id, domain, today)
        case.start_clock(clock)
        self.save(case)
        return ApplicationOpened(case_id, application_id, domain, today, clock.due_on, clock.legal_basis)

    def stop_clock(self, case_id: UUID, clock_id: str, stopped_on: date) -> bool:
        case = self.open_case_of_present_household(case_id)
        in_time = case.stop_clock(clock_id, stopped_on)
        self.save(case)
        return in_time

    def screen_debts(self, case_id: UUID, screening: DebtScreening, today: date) -> bool:
        case = self.open_case_of_present_household(case_id)
        concern = case.screen_debts(screening, today)
        self.save(case)
        return concern

    def case(self, case_id: UUID) -> dict[str, Any]:
        case = self.get_case(case_id)
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
            "clocks": [
                {
                    "clock": c.clock,
                    "clock_id": c.clock_id,
                    "started_on": c.started_on.isoformat(),
                    "due_on": c.due_on.isoformat(),
                    "counting": c.counting,
                    "legal_basis": c.legal_basis,
                    "stopped_on": _iso(c.stopped_on),
                    "missed_on": _iso(c.missed_on),
                }
                for c in case.clocks.values()
            ],
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
