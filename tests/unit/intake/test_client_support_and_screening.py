"""Independent client support before the investigation, and the short debt screening at intake."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from kernel.errors import Refused
from services.intake.domain.case import Case, NoClientSupportOffer
from services.intake.domain.screening import DebtScreening

pytestmark = pytest.mark.unit
TODAY = date(2026, 3, 2)
NO = DebtScreening(False, False, False, False)


def new_case() -> Case:
    return Case(uuid.uuid4(), uuid.uuid4(), "Almere Haven", "wijkteam-haven", TODAY)


def test_a_choice_before_any_offer_is_refused() -> None:
    with pytest.raises(NoClientSupportOffer, match="no offer of client support"):
        new_case().choose_client_support("volunteer", TODAY)


@pytest.mark.parametrize("choice", ["volunteer", "professional", "none"])
def test_after_the_offer_the_residents_choice_is_recorded(choice: str) -> None:
    case = new_case()
    case.offer_client_support("coach.jansen", TODAY)
    case.choose_client_support(choice, TODAY)
    chosen = case.collect_events()[-1]
    assert (chosen.choice, chosen.team_id, chosen.household_id) == (choice, "wijkteam-haven", case.household_id)


def test_unknown_choices_and_anonymous_offers_are_refused() -> None:
    case = new_case()
    with pytest.raises(Refused, match="offered_by"):
        case.offer_client_support("  ", TODAY)
    case.offer_client_support("coach.jansen", TODAY)
    with pytest.raises(Refused, match="volunteer, professional, none"):
        case.choose_client_support("family", TODAY)


def test_a_screening_without_a_yes_flags_nothing() -> None:
    case = new_case()
    assert case.screen_debts(NO, TODAY) is False
    assert not case.debt_concern
    assert [type(e).__name__ for e in case.collect_events()] == ["Opened", "DebtsScreened"]


@pytest.mark.parametrize(
    "screening",
    [
        DebtScreening(True, False, False, False),
        DebtScreening(False, True, False, False),
        DebtScreening(False, False, True, False),
        DebtScreening(False, False, False, True),
    ],
)
def test_any_yes_flags_a_debt_concern(screening: DebtScreening) -> None:
    case = new_case()
    assert case.screen_debts(screening, TODAY) is True
    flagged = case.collect_events()[-1]
    assert type(flagged).__name__ == "DebtConcernFlagged" and flagged.threatening is False


def test_a_threat_alone_flags_a_threatening_debt_concern() -> None:
    case = new_case()
    case.screen_debts(DebtScreening(False, False, False, False, threat="eviction"), TODAY)
    assert case.collect_events()[-1].threatening is True


def test_an_unknown_threat_is_refused() -> None:
    with pytest.raises(Refused, match="threat must be one of"):
        DebtScreening(False, False, False, False, threat="noise")
