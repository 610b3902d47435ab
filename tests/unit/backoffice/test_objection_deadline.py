"""The bezwaartermijn: six weeks (Awb 6:7) from the day after dispatch (Awb 6:8 lid 1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.backoffice.domain.terms import objection_deadline

pytestmark = pytest.mark.unit


def test_sent_monday_2_march_2026_the_term_ends_monday_13_april_2026() -> None:
    # The term starts on Tuesday 3 March and ends at the end of the day six weeks later.
    assert objection_deadline(date(2026, 3, 2)) == date(2026, 4, 13)


@pytest.mark.parametrize(
    ("dispatch", "deadline"),
    [
        (date(2026, 1, 31), date(2026, 3, 14)),  # across a short February
        (date(2028, 1, 31), date(2028, 3, 13)),  # across a leap-year February
        (date(2026, 2, 28), date(2026, 4, 11)),  # from the last day of February
        (date(2026, 3, 31), date(2026, 5, 12)),  # from a month end into a shorter month
        (date(2026, 11, 30), date(2027, 1, 11)),  # across the year end
        (date(2026, 12, 31), date(2027, 2, 11)),  # from the last day of the year
    ],
)
def test_the_term_counts_calendar_days_across_month_and_year_ends(dispatch: date, deadline: date) -> None:
    assert objection_deadline(dispatch) == deadline


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_the_term_ends_42_days_after_dispatch_on_the_same_weekday(dispatch: date) -> None:
    deadline = objection_deadline(dispatch)
    assert deadline - dispatch == timedelta(days=42)
    assert deadline.weekday() == dispatch.weekday()
