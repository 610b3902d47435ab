"""The statutory clocks of a melding and an aanvraag, their last days (Atw), and missed terms as facts."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from kernel.errors import Refused
from services.intake.domain.case import Case
from services.intake.domain.clocks import ClockConflict, missed_terms
from services.intake.terms import decision_clock, melding_clocks

pytestmark = pytest.mark.unit
MONDAY = date(2026, 3, 2)


def new_case(opened_on: date = MONDAY) -> Case:
    case = Case(uuid.uuid4(), uuid.uuid4(), "Almere Haven", "wijkteam-haven", opened_on)
    for clock in melding_clocks(opened_on):
        case.start_clock(clock)
    return case


def test_a_melding_gives_7_days_for_the_personal_plan_and_6_weeks_for_the_investigation() -> None:
    plan, investigation = melding_clocks(MONDAY)
    assert (plan.clock, plan.due_on) == ("personal_plan", date(2026, 3, 9))
    assert plan.legal_basis == "Wmo 2015 art. 2.3.2 lid 2"
    assert (investigation.due_on, investigation.legal_basis) == (date(2026, 4, 13), "Wmo 2015 art. 2.3.2 lid 1")
    assert {plan.counting, investigation.counting} == {"calendar_days"}


def test_a_term_ending_on_a_weekend_ends_on_the_next_working_day() -> None:
    plan, _ = melding_clocks(date(2026, 3, 7))  # Saturday + 7 days = Saturday 14 March
    assert plan.due_on == date(2026, 3, 16)


@pytest.mark.parametrize(
    ("domain", "due_on", "source"),
    [
        ("wmo", date(2026, 4, 28), "Wmo 2015 art. 2.3.5 lid 2"),  # 27 April 2026 is King's Day (Atw art. 3)
        ("youth", date(2026, 6, 8), "Awb art. 4:13"),
        ("special_assistance", date(2026, 6, 8), "Participatiewet"),
    ],
)
def test_the_decision_term_depends_on_the_provision_domain(domain: str, due_on: date, source: str) -> None:
    clock = decision_clock(domain, "a1", date(2026, 4, 13))
    assert (clock.clock_id, clock.due_on) == ("decision:a1", due_on)
    assert source in clock.legal_basis


def test_an_unknown_domain_is_refused() -> None:
    with pytest.raises(Refused, match="wmo, youth, special_assistance"):
        decision_clock("housing", "a1", MONDAY)


def test_the_last_day_is_in_time_and_the_day_after_is_missed_once() -> None:
    case = new_case()
    assert case.record_missed_terms(date(2026, 3, 9)) == []
    assert case.record_missed_terms(date(2026, 3, 10)) == ["personal_plan"]
    assert case.record_missed_terms(date(2026, 3, 11)) == []
    missed = case.collect_events()[-1]
    assert (missed.clock, missed.due_on, missed.detected_on) == ("personal_plan", date(2026, 3, 9), date(2026, 3, 10))
    assert missed.legal_basis == "Wmo 2015 art. 2.3.2 lid 2" and missed.household_id == case.household_id


def test_a_stopped_clock_is_never_missed() -> None:
    case = new_case()
    assert case.stop_clock("investigation", date(2026, 4, 13)) is True
    assert case.record_missed_terms(date(2026, 5, 1)) == ["personal_plan"]
    assert missed_terms(case.clocks.values(), date(2027, 1, 1)) == []


def test_a_late_stop_is_recorded_as_not_in_time() -> None:
    case = new_case()
    case.record_missed_terms(date(2026, 4, 20))
    assert case.stop_clock("investigation", date(2026, 4, 20)) is False


def test_clocks_start_once_and_stop_once() -> None:
    case = new_case()
    with pytest.raises(ClockConflict, match="already started"):
        case.start_clock(melding_clocks(MONDAY)[0])
    case.stop_clock("personal_plan", MONDAY)
    with pytest.raises(ClockConflict, match="already stopped"):
        case.stop_clock("personal_plan", MONDAY)
    with pytest.raises(ClockConflict, match="no clock decision:x"):
        case.stop_clock("decision:x", MONDAY)
    with pytest.raises(Refused, match="before it started"):
        case.stop_clock("investigation", date(2026, 3, 1))


def test_an_application_carries_what_its_fact_needs() -> None:
    case = new_case()
    application_id = uuid.uuid4()
    case.receive_application(application_id, "youth", MONDAY)
    received = case.collect_events()[-1]
    assert (received.application_id, received.domain, received.team_id) == (application_id, "youth", "wijkteam-haven")
    with pytest.raises(Refused, match="before the case opened"):
        case.receive_application(uuid.uuid4(), "wmo", date(2026, 3, 1))
