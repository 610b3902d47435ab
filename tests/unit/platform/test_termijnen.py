"""Statutory terms on the Dutch calendar (Algemene termijnenwet, working days)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kernel.termijnen import add_working_days, easter_sunday, general_holidays, is_working_day, term_end

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2038, date(2038, 4, 25))],
)
def test_easter_is_computed_not_hard_coded(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_the_atw_holidays_of_2026() -> None:
    assert sorted(general_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 6),  # Easter Monday
        date(2026, 4, 27),  # King's Day
        date(2026, 5, 5),
        date(2026, 5, 14),  # Ascension Day
        date(2026, 5, 25),  # Whit Monday
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]


def test_kings_day_moves_to_the_26th_when_the_27th_is_a_sunday() -> None:
    assert date(2025, 4, 26) in general_holidays(2025) and date(2025, 4, 27) not in general_holidays(2025)


def test_good_friday_is_a_working_day() -> None:
    assert is_working_day(easter_sunday(2026) - timedelta(days=2))


def test_objection_term_after_dispatch_on_a_monday() -> None:
    assert term_end(date(2026, 3, 2), weeks=6) == date(2026, 4, 13)


def test_a_term_ending_on_a_weekend_before_kings_day_moves_to_the_tuesday() -> None:
    assert term_end(date(2026, 3, 14), weeks=6) == date(2026, 4, 28)


def test_three_working_days_skip_the_weekend_and_holidays() -> None:
    assert add_working_days(date(2026, 11, 27), 3) == date(2026, 12, 2)  # Friday -> Wednesday
    assert add_working_days(date(2026, 4, 24), 3) == date(2026, 4, 30)  # over King's Day
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)  # over Christmas and a weekend
