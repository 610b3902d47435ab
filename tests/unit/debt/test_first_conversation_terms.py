"""Wgs art. 4a: the first conversation within 4 weeks, or within 3 working days when the situation threatens."""

from __future__ import annotations

from datetime import date

import pytest

from services.debt.domain.terms import add_working_days, first_conversation_due, within_four_weeks

pytestmark = pytest.mark.unit
MONDAY, WEDNESDAY, FRIDAY = date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 6)


@pytest.mark.parametrize(
    ("received_on", "due"),
    [
        (MONDAY, date(2026, 3, 30)),
        (date(2026, 2, 15), date(2026, 3, 15)),  # across February: 28 calendar days, not "the same date"
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2026, 12, 20), date(2027, 1, 17)),
    ],
)
def test_the_first_conversation_is_due_four_weeks_after_the_request(received_on: date, due: date) -> None:
    assert within_four_weeks(received_on) == due
    assert first_conversation_due(received_on, threatening=False) == due


@pytest.mark.parametrize(
    ("received_on", "due"),
    [
        (MONDAY, date(2026, 3, 5)),  # Tue, Wed, Thu
        (WEDNESDAY, date(2026, 3, 9)),  # Thu, Fri, (weekend), Mon
        (FRIDAY, date(2026, 3, 11)),  # (weekend), Mon, Tue, Wed
        (date(2026, 3, 7), date(2026, 3, 11)),  # received on a Saturday
        (date(2026, 3, 8), date(2026, 3, 11)),  # received on a Sunday
    ],
)
def test_when_threatening_it_is_due_within_three_working_days_skipping_the_weekend(
    received_on: date, due: date
) -> None:
    assert first_conversation_due(received_on, threatening=True) == due


def test_counting_working_days_never_lands_on_a_weekend_and_rejects_negative_terms() -> None:
    assert add_working_days(FRIDAY, 0) == FRIDAY
    assert add_working_days(FRIDAY, 1) == date(2026, 3, 9)
    assert add_working_days(FRIDAY, 5) == date(2026, 3, 13)
    assert all(add_working_days(MONDAY, n).weekday() < 5 for n in range(1, 30))
    with pytest.raises(ValueError):
        add_working_days(MONDAY, -1)
