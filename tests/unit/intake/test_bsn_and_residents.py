"""The BSN 11-proef (LAW.md §4.1) and the household details that are sealed."""

from __future__ import annotations

import pytest

from services.intake.domain.bsn import InvalidBsn, check_bsn
from services.intake.domain.residents import Address, HouseholdDetails, InvalidHousehold, Resident

pytestmark = pytest.mark.unit
ADDRESS = Address("Havenstraat", "12", "1353 AB", "Almere")


@pytest.mark.parametrize("bsn", ["123456782", "999990019", " 999990020 "])
def test_numbers_passing_the_11_proef_are_accepted(bsn: str) -> None:
    assert check_bsn(bsn) == bsn.strip()


def test_an_eight_digit_bsn_is_read_with_a_leading_zero() -> None:
    assert check_bsn("10000008") == "010000008"


@pytest.mark.parametrize(
    ("bsn", "problem"),
    [
        ("123456789", "11-proef"),
        ("999990018", "11-proef"),
        ("12345678a", "nine digits"),
        ("1234567", "nine digits"),
        ("1234567890", "nine digits"),
        ("000000000", "all zeros"),
    ],
)
def test_other_numbers_are_refused_without_repeating_them(bsn: str, problem: str) -> None:
    with pytest.raises(InvalidBsn, match=problem) as refused:
        check_bsn(bsn)
    assert bsn not in str(refused.value)


def test_details_are_checked_and_each_bsn_padded() -> None:
    details = HouseholdDetails(ADDRESS, (Resident("Anna", "de Vries", "10000008"),)).checked()
    assert details.residents[0].bsn == "010000008"
    assert HouseholdDetails.from_dict(details.to_dict()) == details


def test_the_refusal_names_the_resident_with_the_bad_bsn() -> None:
    residents = (Resident("Anna", "de Vries", "999990019"), Resident("Bram", "de Vries", "999990018", "partner"))
    with pytest.raises(InvalidBsn, match=r"resident 2: .*11-proef"):
        HouseholdDetails(ADDRESS, residents).checked()


@pytest.mark.parametrize(
    ("residents", "problem"),
    [
        ((), "at least one resident"),
        ((Resident("A", "B", "999990019"), Resident("C", "D", "999990019", "child")), "same BSN"),
        ((Resident("A", "B", "999990019", "neighbour"),), "role"),
        ((Resident(" ", "B", "999990019"),), "family name are required"),
    ],
)
def test_impossible_households_are_refused(residents: tuple[Resident, ...], problem: str) -> None:
    with pytest.raises(InvalidHousehold, match=problem):
        HouseholdDetails(ADDRESS, residents).checked()
