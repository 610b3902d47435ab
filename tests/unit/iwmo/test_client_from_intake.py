"""Intake's client as the 301 carries it: the house number split as iWmo's CDT_Huisnummer wants it, the postcode
without its space, an unknown date of birth as DatumGebruik 3; and intake choosing the applicant."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.api_iwmo import NoRegisteredResident, client_of
from services.iwmo.domain.client import UNKNOWN_BIRTH, ClientRecordsUnavailable, from_intake

pytestmark = pytest.mark.unit


def answer(house_number: str, born: str | None = "1950-03-01") -> dict[str, object]:
    return {
        "household_id": "h", "bsn": "999990019", "given_name": "Anna Maria", "family_name": "Jansen",
        "date_of_birth": born, "contact": {"phone": "0612345678", "email": None},
        "address": {"street": "Markt", "house_number": house_number, "postcode": "1353 ab", "city": "Almere"},
    }  # fmt: skip


@pytest.mark.parametrize(
    ("given", "number", "letter", "addition"),
    [("12", 12, None, None), ("12A", 12, "A", None), ("12 a-2", 12, "A", "2"), ("7-bis", 7, None, "bis")],
)
def test_the_house_number_is_split(given: str, number: int, letter: str | None, addition: str | None) -> None:
    record = from_intake(answer(given))
    assert (record.house_number, record.house_letter, record.house_number_addition) == (number, letter, addition)
    assert record.postcode == "1353AB" and record.birth_date == date(1950, 3, 1) and record.birth_date_usage is None


def test_an_unknown_birth_date_is_marked_unknown_not_invented() -> None:
    record = from_intake(answer("1", born=None))
    assert (record.birth_date, record.birth_date_usage) == (UNKNOWN_BIRTH, "3")


def test_a_house_number_iwmo_cannot_carry_holds_the_301_with_the_reason() -> None:
    with pytest.raises(ClientRecordsUnavailable, match="house number"):
        from_intake(answer("twelve"))


def test_intake_gives_the_applicant_and_only_what_a_301_needs() -> None:
    household = {
        "household_id": "h", "team_id": "t", "district": "d", "members": 2, "case_ids": [],
        "address": {"street": "Markt"}, "contact": {},
        "residents": [
            {"given_name": "Kees", "family_name": "Jansen", "bsn": "1", "role": "partner", "date_of_birth": None},
            {"given_name": "Anna", "family_name": "Jansen", "bsn": "2", "role": "applicant", "date_of_birth": None},
        ],
    }  # fmt: skip
    client = client_of(household)
    assert client["bsn"] == "2" and set(client) == {
        "household_id", "bsn", "given_name", "family_name", "date_of_birth", "address", "contact",
    }  # fmt: skip


def test_a_household_known_by_its_melding_only_has_no_client_to_name() -> None:
    with pytest.raises(NoRegisteredResident):
        client_of({"household_id": "h", "address": {"postcode": "1353AB"}})
