"""The resident's notice of default on a decision term and the college's determination of the penalty (Awb 4:17,
4:18): refused before the term passed, twice, without a notice, or while it still accrues."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from services.intake.domain.case import Case
from services.intake.domain.case_default import NoticeRefused, PenaltyRefused
from services.intake.domain.penalty import NoticeTooEarly
from services.intake.terms import decision_clock, melding_clocks

pytestmark = pytest.mark.unit
CLOCK = "decision:a1"  # Wmo aanvraag received Monday 13 April 2026: last day Tuesday 28 April (King's Day before)


def case_with_application() -> Case:
    case = Case(uuid.uuid4(), uuid.uuid4(), "Almere Haven", "wijkteam-haven", date(2026, 3, 2))
    for clock in [*melding_clocks(date(2026, 3, 2)), decision_clock("wmo", "a1", date(2026, 4, 13))]:
        case.start_clock(clock)
    return case


def test_a_notice_on_the_last_day_of_the_term_has_no_effect() -> None:
    with pytest.raises(NoticeTooEarly, match="runs until 2026-04-28"):
        case_with_application().receive_notice_of_default(CLOCK, date(2026, 4, 28))


def test_a_notice_after_the_term_opens_the_penalty_two_weeks_later() -> None:
    case = case_with_application()
    default = case.receive_notice_of_default(CLOCK, date(2026, 4, 29))
    assert (default.decision_due, default.first_day, default.cap_day) == (
        date(2026, 4, 28),
        date(2026, 5, 14),
        date(2026, 6, 24),
    )
    with pytest.raises(NoticeRefused, match="received on 2026-04-29"):
        case.receive_notice_of_default(CLOCK, date(2026, 4, 30))


def test_a_notice_concerns_a_decision_term_not_yet_decided() -> None:
    case = case_with_application()
    with pytest.raises(NoticeRefused, match="beschikking op aanvraag"):
        case.receive_notice_of_default("investigation", date(2026, 5, 1))
    case.stop_clock(CLOCK, date(2026, 4, 30))
    with pytest.raises(NoticeRefused, match="sent on 2026-04-30"):
        case.receive_notice_of_default(CLOCK, date(2026, 5, 1))


def test_no_penalty_without_a_notice_of_default() -> None:
    case = case_with_application()
    case.stop_clock(CLOCK, date(2026, 6, 1))
    with pytest.raises(PenaltyRefused, match=r"no notice of default.*4:17 lid 3"):
        case.determine_penalty(CLOCK, "m.bakker", date(2026, 6, 2))


def test_no_penalty_while_it_still_accrues() -> None:
    case = case_with_application()
    case.receive_notice_of_default(CLOCK, date(2026, 4, 29))
    with pytest.raises(PenaltyRefused, match=r"still accrues.*2026-06-24"):
        case.determine_penalty(CLOCK, "m.bakker", date(2026, 6, 24))


def test_the_penalty_is_determined_once_when_the_beschikking_was_sent() -> None:
    case = case_with_application()
    case.receive_notice_of_default(CLOCK, date(2026, 4, 29))
    case.stop_clock(CLOCK, date(2026, 5, 20))  # 14 up to 19 May: six days at EUR 23
    penalty = case.determine_penalty(CLOCK, "m.bakker", date(2026, 5, 22))
    assert (penalty.days, penalty.amount_cents, penalty.last_day) == (6, 13800, date(2026, 5, 19))
    assert penalty.in_time
    assert penalty.determination_due == date(2026, 6, 2)
    with pytest.raises(PenaltyRefused, match=r"already determined on 2026-05-22: EUR 138.00 for 6 days"):
        case.determine_penalty(CLOCK, "m.bakker", date(2026, 5, 23))


def test_after_the_42nd_day_the_penalty_is_determined_even_without_a_decision() -> None:
    case = case_with_application()
    case.receive_notice_of_default(CLOCK, date(2026, 4, 29))
    penalty = case.determine_penalty(CLOCK, "m.bakker", date(2026, 7, 10))
    assert (penalty.days, penalty.amount_cents, penalty.in_time) == (42, 144200, False)  # due 8 July
