"""A melding (support request): for a registered household, or for a new one known only by its postcode.

The melding opens a case for the district's team, confirms its receipt and starts the statutory clocks of the
melding (`services.intake.terms`), all in one save.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from kernel.errors import Refused
from services.intake.base import Intake
from services.intake.domain.case import Case
from services.intake.domain.household import Household
from services.intake.domain.routing import normalise_postcode
from services.intake.domain.support_request import SupportRequest, check_request
from services.intake.sealing import seal
from services.intake.terms import melding_clocks


@dataclass(frozen=True)
class SupportRequestInput:
    postcode: str | None
    members: int
    requested_by: str
    life_domains: list[str]
    debt_concern: bool = False
    threatening: bool = False
    household_id: UUID | None = None


@dataclass(frozen=True)
class Opened:
    household_id: UUID
    request_id: UUID
    case_id: UUID
    district: str
    team_id: str


def request_support(intake: Intake, request: SupportRequestInput, today: date) -> Opened:
    """A melding: register the household when it is new, record the request and open a case for its team."""
    check_request(request.requested_by, request.life_domains)
    if request.household_id is not None:
        household = intake.present_household(request.household_id)
        return _open(intake, household, request, today)
    if not request.postcode:
        raise Refused("a melding names a registered household_id, or the postcode of a new household")
    postcode = normalise_postcode(request.postcode)
    district = intake.routing.route(postcode)
    household_id = uuid.uuid4()

    def register(key: bytes) -> Opened:
        sealed = seal(key, household_id, {"address": {"postcode": postcode}})
        household = Household(household_id, district.name, district.team_id, request.members, sealed)
        return _open(intake, household, request, today)

    return intake.with_new_key(household_id, [], register)


def _open(intake: Intake, household: Household, request: SupportRequestInput, today: date) -> Opened:
    melding = SupportRequest(household.id, request.requested_by, request.life_domains, today)
    case = open_case(household, melding, today)
    if request.debt_concern:
        case.flag_debt_concern(today, request.threatening)
    intake.save(household, melding, case)
    return Opened(household.id, melding.id, case.id, household.district, household.team_id)


def open_case(household: Household, melding: SupportRequest, today: date) -> Case:
    """A case for the household's team: receipt confirmed, the melding's clocks started, linked to the household."""
    case = Case(household.id, melding.id, household.district, household.team_id, today)
    case.confirm_receipt(today)
    for clock in melding_clocks(melding.received_on):
        case.start_clock(clock)
    household.link_case(case.id)
    return case
