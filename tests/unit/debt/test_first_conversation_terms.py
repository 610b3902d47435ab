"""Wgs: the first conversation within 4 weeks, or within 3 working days when the situation threatens; on the
legal calendar (Algemene termijnenwet art. 1 and 3)."""

from __future__ import annotations

from datetime import date

import pytest

from services.debt.terms import first_conversation_due, within_four_weeks

pytestmark = pytest.mark.unit
MONDAY, WEDNESDAY, FRIDAY = date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 6)


@pytest.mark.parametrize(
    ("received_on", "due"),
    [
        (MONDAY, date(2026, 3, 30)),
        (FRIDAY, date(2026, 4, 3)),  # Good Friday is not an Atw holiday
        (date(2026, 2, 15), date(2026, 3, 16)),  # ends on Sunday 15 March: runs to Monday (Atw art. 1)
        (date(2026, 1, 31), date(2026, 3, 2)),  # ends on Saturday 28 February: runs to Monday
        (date(2026, 3, 30), date(2026, 4, 28)),  # ends on Monday 27 April, King's Day: runs to Tuesday
        (date(2026, 11, 28), date(2026, 12, 28)),  # ends on Saturday 26 December: past Christmas to Monday
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
        (date(2026, 4, 2), date(2026, 4, 8)),  # Fri 3 (Good Friday counts), Easter Monday 6 skipped, Tue 7, Wed 8
        (date(2026, 12, 23), date(2026, 12, 29)),  # Thu 24, Christmas and Boxing Day skipped, Mon 28, Tue 29
    ],
)
def test_when_threatening_it_is_due_within_three_working_days_skipping_weekends_and_holidays(
    received_on: date, due: date
) -> None:
    assert first_conversation_due(received_on, threatening=True) == due
