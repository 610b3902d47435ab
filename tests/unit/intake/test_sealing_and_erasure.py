"""Personal data sealed with the household's key; a household once erased answers 'erased'."""

from __future__ import annotations

import base64
import uuid
from datetime import date

import pytest
from cryptography.exceptions import InvalidTag

from services.intake.domain.household import Household, HouseholdErased
from services.intake.sealing import address_index, bsn_index, new_key, seal, unseal
from services.intake.translator import translate

pytestmark = pytest.mark.unit
DATA = {"residents": [{"given_name": "Zwaantje", "bsn": "999990019"}], "address": {"postcode": "1353 AB"}}


def test_sealed_data_opens_only_with_its_key_and_household() -> None:
    key, household_id = new_key(), uuid.uuid4()
    sealed = seal(key, household_id, DATA)
    assert unseal(key, household_id, sealed) == DATA
    assert b"Zwaantje" not in base64.b64decode(sealed) and "999990019" not in sealed
    with pytest.raises(InvalidTag):
        unseal(new_key(), household_id, sealed)
    with pytest.raises(InvalidTag):
        unseal(key, uuid.uuid4(), sealed)  # a blob moved to another household does not open


def test_each_seal_is_different() -> None:
    key, household_id = new_key(), uuid.uuid4()
    assert seal(key, household_id, DATA) != seal(key, household_id, DATA)


def test_blind_indexes_are_normalised_and_depend_on_the_secret() -> None:
    assert bsn_index(b"s", "10000008") == bsn_index(b"s", "010000008")
    assert address_index(b"s", "1353 ab", "12a") == address_index(b"s", "1353AB", "12A")
    assert bsn_index(b"s", "999990019") != bsn_index(b"t", "999990019")
    assert b"999990019" not in bsn_index(b"s", "999990019")


def test_an_erased_household_refuses_everything_and_keeps_no_sealed_data() -> None:
    household = Household(uuid.uuid4(), "Almere Haven", "wijkteam-haven", 2, "c2VhbGVk")
    household.erase(date(2026, 3, 2))
    assert household.sealed == ""
    with pytest.raises(HouseholdErased, match="erased on 2026-03-02"):
        household.ensure_present()
    with pytest.raises(HouseholdErased):
        household.erase(date(2026, 3, 3))


def test_registration_stays_inside_intake_and_erasure_is_published_without_personal_data() -> None:
    household = Household(uuid.uuid4(), "Almere Haven", "wijkteam-haven", 1, "c2VhbGVk")
    household.erase(date(2026, 3, 2))
    registered, erased = household.collect_events()
    assert translate(registered) is None
    fact = translate(erased)
    assert fact.type == "nl.wijkteam.intake.household-erased.v1"
    assert set(fact.model_dump()) == {"household_id", "erased_on"}
