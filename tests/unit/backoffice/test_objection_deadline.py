"""The bezwaartermijn: six weeks (Awb 6:7) from the day after dispatch (Awb 6:8 lid 1), extended past a weekend or
general holiday (Algemene termijnenwet art. 1 and 3)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernel.termijnen import is_working_day
from services.backoffice.domain.decision import ObjectionTermTooShort
from services.backoffice.terms import objection_deadline
from tests.unit.backoffice.factories import HOURS, funded_decision

pytestmark = pytest.mark.unit


def test_sent_monday_2_march_2026_the_term_ends_monday_13_april_2026() -> None:
    assert objection_deadline(date(2026, 3, 2)) == date(2026, 4, 13)


@pytest.mark.parametrize(
    ("dispatch", "deadline"),
    [
        (date(2026, 3, 14), date(2026, 4, 28)),  # Sat 25 April, Mon 27 April King's Day -> Tuesday 28 April
        (date(2026, 1, 31), date(2026, 3, 16)),  # six weeks end Saturday 14 March -> Monday 16 March
        (date(2026, 11, 13), date(2026, 12, 28)),  # Fri 25 Dec Christmas, 26-27 weekend -> Monday 28 December
        (date(2026, 3, 24), date(2026, 5, 6)),  # Tuesday 5 May (Liberation Day) -> Wednesday 6 May
        (date(2026, 4, 2), date(2026, 5, 15)),  # Thursday 14 May is Ascension Day 2026 -> Friday 15 May
        (date(2026, 11, 30), date(2027, 1, 11)),  # across the year end, a Monday
    ],
)
def test_a_term_ending_on_a_weekend_or_holiday_runs_to_the_next_working_day(dispatch: date, deadline: date) -> None:
    assert objection_deadline(dispatch) == deadline


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_the_term_is_never_shorter_than_42_days_and_ends_on_a_working_day(dispatch: date) -> None:
    deadline = objection_deadline(dispatch)
    assert timedelta(days=42) <= deadline - dispatch <= timedelta(days=46)
    assert is_working_day(deadline)


def test_a_letter_stating_a_shorter_term_is_refused() -> None:
    decision = funded_decision()
    with pytest.raises(ObjectionTermTooShort):
        decision.issue_letter(date(2026, 3, 2), HOURS.name, "Almere", date(2026, 4, 12))
