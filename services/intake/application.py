"""Intake's commands and queries. Commands return ids; queries return plain data, never aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from services.intake.domain.case import Case
from services.intake.domain.household import Household
from services.intake.domain.routing import Routing, normalise_postcode
from services.intake.domain.support_request import SupportRequest, check_request
from wijk.eventstore import ServiceApplication
from wijk.settings import PlatformSettings


@dataclass(frozen=True)
class SupportRequestInput:
    postcode: str
    members: int
    requested_by: str
    life_domains: list[str]
    debt_concern: bool = False
    threatening: bool = False


@dataclass(frozen=True)
class Opened:
    household_id: UUID
    request_id: UUID
    case_id: UUID
    district: str
    team_id: str


class IntakeApplication(ServiceApplication):
    name = "intake"

    def __init__(self, routing: Routing, settings: PlatformSettings | None = None) -> None:
        self.routing = routing
        super().__init__(settings)

    def request_support(self, request: SupportRequestInput, today: date) -> Opened:
        """A melding for a new household: register it, record the request and open a case for its team."""
        check_request(request.requested_by, request.life_domains)
        postcode = normalise_postcode(request.postcode)
        district = self.routing.route(postcode)
        household = Household(postcode, district.name, district.team_id, request.members)
        melding = SupportRequest(household.id, request.requested_by, request.life_domains, today)
        case = Case(household.id, melding.id, district.name, district.team_id, today)
        if request.debt_concern:
            case.flag_debt_concern(today, request.threatening)
        self.save(household, melding, case)
        return Opened(household.id, melding.id, case.id, district.name, district.team_id)

    def case(self, case_id: UUID) -> dict[str, object]:
        case: Case = self.repository.get(case_id)
        return {
            "case_id": str(case.id),
            "household_id": str(case.household_id),
            "district": case.district,
            "team_id": case.team_id,
            "opened_on": case.opened_on.isoformat(),
            "debt_concern": case.debt_concern,
        }
