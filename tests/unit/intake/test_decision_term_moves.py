"""A decision term stands still while suspended (Awb 4:15) and moves when the college names a later day in time
(Awb 4:14); the melding's terms do not move (Awb chapter 4 does not apply to them)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from kernel.errors import Refused
from services.intake.domain.case import Case
from services.intake.domain.suspension import TermNotMovable
from services.intake.terms import decision_clock, melding_clocks

pytestmark = pytest.mark.unit
RECEIVED = date(2026, 4, 13)  # a Wmo aanvraag: two weeks end on King's Day, so the last day is Tuesday 28 April
CLOCK = "decision:a1"


def case_with_application() -> Case:
    case = Case(uuid.uuid4(), uuid.uuid4(), "Almere Haven", "wijkteam-haven", date(2026, 3, 2))
    for clock in [*melding_clocks(date(2026, 3, 2)), decision_clock("wmo", "a1", RECEIVED)]:
        case.start_clock(clock)
    return case


def test_a_suspension_adds_its_days_and_the_atw_moves_a_last_day_on_liberation_day() -> None:
    case = case_with_application()
    assert case.clocks[CLOCK].due_on == date(2026, 4, 28)
    case.suspend_clock(CLOCK, "incomplete_application", date(2026, 4, 16))  # invited: stands still from the 17th
    assert case.clocks[CLOCK].suspended_from == date(2026, 4, 17)
    # Completed on Saturday 25 April: 8 days (17 up to 25 April); 27 April + 8 = 5 May, a general holiday.
    assert case.resume_clock(CLOCK, date(2026, 4, 25)) == date(2026, 5, 6)
    resumed = case.collect_events()[-1]
    assert (resumed.days, resumed.clock.nominal_due) == (8, date(2026, 5, 5))


def test_while_suspended_the_term_is_not_missed_and_a_decision_sent_is_in_time() -> None:
    case = case_with_application()
    case.suspend_clock(CLOCK, "applicant_consent", date(2026, 4, 20))
    assert CLOCK not in case.record_missed_terms(date(2026, 5, 10))
    assert case.stop_clock(CLOCK, date(2026, 5, 10)) is True


def test_the_college_names_a_later_day_before_the_term_ends_and_not_after() -> None:
    case = case_with_application()
    with pytest.raises(TermNotMovable, match=r"passed on 2026-04-28.*4:14"):
        case.extend_clock(CLOCK, date(2026, 5, 26), "further_investigation", date(2026, 4, 29))
    case.extend_clock(CLOCK, date(2026, 5, 26), "further_investigation", date(2026, 4, 28))
    assert case.clocks[CLOCK].due_on == date(2026, 5, 26)
    assert CLOCK not in case.record_missed_terms(date(2026, 5, 26)) and case.stop_clock(CLOCK, date(2026, 5, 26))


def test_an_extension_must_end_later_and_have_a_known_reason() -> None:
    case = case_with_application()
    with pytest.raises(Refused, match="must end after 2026-04-28"):
        case.extend_clock(CLOCK, date(2026, 4, 28), "complexity", date(2026, 4, 20))
    with pytest.raises(Refused, match="not one of"):
        case.extend_clock(CLOCK, date(2026, 5, 28), "busy", date(2026, 4, 20))


def test_the_melding_terms_do_not_move() -> None:
    case = case_with_application()
    with pytest.raises(TermNotMovable, match="melding phase"):
        case.suspend_clock("investigation", "applicant_consent", date(2026, 3, 10))
    with pytest.raises(TermNotMovable, match="melding phase"):
        case.extend_clock("personal_plan", date(2026, 3, 30), "complexity", date(2026, 3, 5))


def test_a_stopped_or_suspended_term_is_not_suspended_again() -> None:
    case = case_with_application()
    case.suspend_clock(CLOCK, "force_majeure", date(2026, 4, 20))
    with pytest.raises(TermNotMovable, match="already suspended"):
        case.suspend_clock(CLOCK, "applicant_delay", date(2026, 4, 21))
    case.resume_clock(CLOCK, date(2026, 4, 22))
    case.stop_clock(CLOCK, date(2026, 4, 23))
    with pytest.raises(TermNotMovable, match="stopped on 2026-04-23"):
        case.suspend_clock(CLOCK, "applicant_delay", date(2026, 4, 24))
