"""The beschikking as the resident reads it: every element the law and the brief require, in Dutch."""

from __future__ import annotations

from datetime import date

import pytest

from services.backoffice.domain.catalogue import UnknownProvision, legal_basis
from services.backoffice.domain.decision import LetterNotIssued
from services.backoffice.letter import format_date, format_euros, render_letter
from services.backoffice.letter_html import render_letter_html
from tests.unit.backoffice.factories import HOURS, funded_decision, send

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("cents", "text"),
    [(0, "€ 0,00"), (5, "€ 0,05"), (99900, "€ 999,00"), (123456, "€ 1.234,56"), (123456789, "€ 1.234.567,89")],
)
def test_amounts_are_written_the_dutch_way(cents: int, text: str) -> None:
    assert format_euros(cents) == text


def test_dates_are_written_with_dutch_month_names() -> None:
    assert format_date(date(2026, 3, 2)) == "2 maart 2026"
    assert format_date(date(2026, 12, 31)) == "31 december 2026"


@pytest.fixture
def letter() -> str:
    decision = funded_decision()
    send(decision, date(2026, 3, 2), HOURS)
    return render_letter(decision)


def test_the_letter_states_decision_and_dispatch_dates(letter: str) -> None:
    assert "Datum besluit:  2 maart 2026" in letter
    assert "Verzenddatum:   2 maart 2026" in letter


def test_the_letter_states_provision_amount_and_period(letter: str) -> None:
    assert "Huishoudelijke ondersteuning (wmo-huishoudelijke-ondersteuning)" in letter
    assert "€ 1.234,56" in letter
    assert "1 april 2026 tot en met 30 september 2026" in letter


def test_the_letter_is_signed_on_behalf_of_the_college_by_the_mandate_holder(letter: str) -> None:
    signature = letter.split("Namens het college van burgemeester en wethouders van Almere,", 1)[1]
    assert "J. de Vries, wijkcoach" in signature


def test_the_letter_states_the_objection_term_and_its_end(letter: str) -> None:
    assert "Bezwaar" in letter
    assert "zes weken" in letter and "6:7 en 6:8" in letter
    assert "De termijn eindigt op 13 april 2026." in letter


def test_a_decision_without_a_letter_cannot_be_rendered() -> None:
    with pytest.raises(LetterNotIssued):
        render_letter(funded_decision())


def test_the_letter_names_its_legal_basis_and_the_mandate() -> None:
    decision = funded_decision()
    send(decision, date(2026, 3, 2), HOURS)
    text = render_letter(decision)
    assert "op grond van artikel 2.3.5 van de Wet maatschappelijke ondersteuning 2015" in text
    assert "artikel 10:10 Algemene wet bestuursrecht" in text


@pytest.mark.parametrize(
    ("line", "basis"),
    [
        ("youth", "artikel 2.3 van de Jeugdwet"),
        ("special_assistance", "artikel 35 van de Participatiewet"),
        ("wmo", "artikel 2.3.5 van de Wet maatschappelijke ondersteuning 2015"),
    ],
)
def test_the_legal_basis_follows_the_provision_kind(line: str, basis: str) -> None:
    assert legal_basis(line).startswith(basis)
    with pytest.raises(UnknownProvision):
        legal_basis("cash")


def test_the_html_letter_has_every_element_and_escapes_text() -> None:
    decision = funded_decision()
    decision.decided_by = "<b>J. de Vries</b>"
    send(decision, date(2026, 3, 14), HOURS)
    page = render_letter_html(decision)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    for part in ("BESCHIKKING", "Datum besluit: 2 maart 2026", "Verzenddatum: 14 maart 2026", "€ 1.234,56"):
        assert part in page
    assert "Namens het college van burgemeester en wethouders van Almere," in page
    assert "&lt;b&gt;J. de Vries&lt;/b&gt;" in page and "<b>J." not in page
    assert "De termijn eindigt op 28 april 2026." in page  # Sat 25 April + King's Day Monday 27 April
