"""Registering a household with its residents, showing it to the team, and erasing it (AVG art. 17).

Personal data is sealed with the household's own key before it is stored; erasure destroys that key
(crypto-shredding) and records a fact without personal data.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from services.intake.base import Intake
from services.intake.domain.household import Household
from services.intake.domain.residents import AlreadyRegistered, HouseholdDetails
from services.intake.domain.routing import normalise_postcode
from services.intake.sealing import address_index, bsn_index, seal, unseal


@dataclass(frozen=True)
class Registered:
    household_id: UUID
    district: str
    team_id: str


def register_household(intake: Intake, details: HouseholdDetails) -> Registered:
    checked = details.checked()
    postcode = normalise_postcode(checked.address.postcode)
    address = {**checked.to_dict()["address"], "postcode": postcode}
    district = intake.routing.route(postcode)
    household_id = uuid.uuid4()
    bsns = [bsn_index(intake.secret, r.bsn) for r in checked.residents]
    if intake.vault.find(bsns) is not None:
        raise AlreadyRegistered("a resident's BSN is already registered in another household")
    digests = [address_index(intake.secret, postcode, checked.address.house_number)]
    data = {**checked.to_dict(), "address": address}

    def save(key: bytes) -> None:
        sealed = seal(key, household_id, data)
        intake.save(Household(household_id, district.name, district.team_id, len(checked.residents), sealed))

    intake.with_new_key(household_id, digests, save, unique=bsns)  # unique: two registrations at once, one wins
    return Registered(household_id, district.name, district.team_id)


def household_view(intake: Intake, household_id: UUID) -> dict[str, Any]:
    """The household as the team sees it, unsealed; HouseholdErased (410) once it was erased."""
    household = intake.present_household(household_id)
    details = unseal(intake.vault.key(household_id), household_id, household.sealed)
    return {
        "household_id": str(household_id),
        "district": household.district,
        "team_id": household.team_id,
        "members": household.members,
        "case_ids": [str(c) for c in household.case_ids],
        **details,
    }


def erase_household(intake: Intake, household_id: UUID, today: date) -> date:
    """Destroy the household's key and its text key (ADR 0006: the free text every service sealed with it), then
    record the erasure (a retry after a failure in between is safe)."""
    household = intake.present_household(household_id)
    intake.vault.destroy(household_id, today)
    if intake.text_keys is not None:
        intake.text_keys.destroy(household_id, today)
    household.erase(today)
    intake.save(household)
    return today
