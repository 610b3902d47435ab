"""Input that looked valid but was not (issue 18, #6): non-ASCII digits in a BSN, hidden characters in names,
impossible dates of birth, and a clock stop backdated into a term already recorded as missed."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

from contracts.bounds import Text, Who
from contracts.partner_signals import ConcernSignal
from services.intake.domain.bsn import InvalidBsn, check_bsn
from services.intake.domain.case import Case
from services.intake.domain.clocks import ClockConflict
from services.intake.domain.residents import Address, HouseholdDetails, InvalidHousehold, Resident
from services.intake.terms import melding_clocks

pytestmark = pytest.mark.unit
ADDRESS = Address("Havenstraat", "12", "1353 AB", "Almere")
FULLWIDTH = {ord("0") + d: chr(0xFF10 + d) for d in range(10)}  # U+FF10..U+FF19
ARABIC_INDIC = {ord("0") + d: chr(0x0660 + d) for d in range(10)}  # U+0660..U+0669
HIDDEN = ["\x00", "\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\x1b"]


@pytest.mark.parametrize("digits", [FULLWIDTH, ARABIC_INDIC], ids=["fullwidth", "arabic-indic"])
def test_a_bsn_in_other_digits_is_refused_though_it_passes_the_11_proef(digits: dict[int, str]) -> None:
    assert check_bsn("999990019") == "999990019"
    with pytest.raises(InvalidBsn, match="0-9"):
        check_bsn("999990019".translate(digits))


@pytest.mark.parametrize("hidden", HIDDEN, ids=[hex(ord(c)) for c in HIDDEN])
def test_a_name_with_a_control_or_bidi_character_is_refused(hidden: str) -> None:
    resident = Resident("Anna", f"Jan{hidden}sen", "999990019")
    with pytest.raises(InvalidHousehold, match="control or bidirectional"):
        HouseholdDetails(ADDRESS, (resident,)).checked()


def test_an_address_with_a_right_to_left_override_is_refused() -> None:
    address = Address("Haven\u202estraat", "12", "1353 AB", "Almere")
    with pytest.raises(InvalidHousehold, match="the address"):
        HouseholdDetails(address, (Resident("Anna", "Jansen", "999990019"),)).checked()


@pytest.mark.parametrize("born", ["0001-01-01", "1899-12-31", "not-a-date"])
def test_an_impossible_date_of_birth_is_refused(born: str) -> None:
    with pytest.raises(InvalidHousehold, match="date of birth"):
        HouseholdDetails(ADDRESS, (Resident("Anna", "Jansen", "999990019", date_of_birth=born),)).checked()


def test_tabs_line_breaks_and_accents_are_fine() -> None:
    resident = Resident("Zoë", "van 't Hof-Çelik", "999990019", date_of_birth="1950-06-01")
    assert HouseholdDetails(ADDRESS, (resident,)).checked().residents[0].given_name == "Zoë"


def test_a_stop_cannot_be_backdated_into_a_term_already_recorded_as_missed() -> None:
    opened = date(2026, 3, 2)
    case = Case(uuid.uuid4(), uuid.uuid4(), "Almere Haven", "wijkteam-haven", opened)
    for clock in melding_clocks(opened):
        case.start_clock(clock)
    assert case.record_missed_terms(date(2026, 3, 10)) == ["personal_plan"]  # its last day was 9 March
    with pytest.raises(ClockConflict, match="backdated"):
        case.stop_clock("personal_plan", date(2026, 3, 5))
    assert case.stop_clock("personal_plan", date(2026, 3, 11)) is False  # the truth is still recordable


class Fact(BaseModel):
    reason: Text
    decided_by: Who


@pytest.mark.parametrize("hidden", HIDDEN, ids=[hex(ord(c)) for c in HIDDEN])
def test_the_contract_refuses_hidden_characters_in_free_text_and_names(hidden: str) -> None:
    with pytest.raises(ValidationError):
        Fact(reason=f"ok{hidden}", decided_by="j.devries")
    with pytest.raises(ValidationError):
        Fact(reason="ok", decided_by=f"j.de{hidden}vries")
    assert Fact(reason="line one\nline two\twith a tab", decided_by="j.devries").reason.startswith("line one")


def test_a_partner_signal_with_a_hidden_character_in_the_name_is_not_a_valid_signal() -> None:
    body = {"reference": "LL-3", "bsn": "999990019", "name": "Anna \u202eJansen", "signalled_on": "2026-03-02",
            "life_domains": ["youth"]}  # fmt: skip
    with pytest.raises(ValidationError, match="name"):
        ConcernSignal.model_validate(body)
    with pytest.raises(ValidationError, match="bsn"):
        ConcernSignal.model_validate({**body, "name": "Anna", "bsn": "999990019".translate(FULLWIDTH)})
