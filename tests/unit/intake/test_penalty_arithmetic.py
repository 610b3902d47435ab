"""The dwangsom bij niet tijdig beslissen (Awb 4:17, 4:18) to the cent: the tiers, the 42-day cap that no holiday
moves, and the two weeks after the notice of default that the Algemene termijnenwet does extend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernel.errors import Refused
from services.intake.domain.penalty import (
    MAX_CENTS,
    NoticeTooEarly,
    default_of,
    determination_due,
    determine,
    penalty_cents,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("days", "cents"),
    [
        (0, 0),
        (1, 2300),
        (14, 14 * 2300),  # EUR 322: the last day at EUR 23
        (15, 14 * 2300 + 3500),  # the first day at EUR 35
        (28, 14 * 2300 + 14 * 3500),  # EUR 812
        (29, 14 * 2300 + 14 * 3500 + 4500),  # the first day at EUR 45
        (42, 144200),  # EUR 1,442: the most that can accrue
        (43, 144200),
        (365, 144200),
    ],
)
def test_the_penalty_per_day_rises_at_each_tier_and_stops_at_42_days(days: int, cents: int) -> None:
    assert penalty_cents(days) == cents


def test_a_notice_before_the_decision_term_passed_has_no_effect() -> None:
    with pytest.raises(NoticeTooEarly, match=r"runs until 2026-04-10.*Awb 4:17 lid 3"):
        default_of("decision:a", date(2026, 4, 10), date(2026, 4, 10))


def test_two_weeks_ending_on_kings_day_run_on_so_the_penalty_starts_a_day_later() -> None:
    # Notice received Monday 13 April 2026; two weeks end on Monday 27 April, King's Day (Atw art. 1 and 3): the
    # college has until Tuesday 28 April, and the first day of the penalty is Wednesday 29 April.
    default = default_of("decision:a", date(2026, 4, 10), date(2026, 4, 13))
    assert default.first_day == date(2026, 4, 29)
    assert default.cap_day == date(2026, 6, 9)
    assert determine(default, date(2026, 4, 29), date(2026, 4, 29), "m.bakker").days == 0


@pytest.mark.parametrize(
    ("dispatched_on", "days", "cents"),
    [
        (date(2026, 5, 13), 14, 32200),  # 29 April up to 12 May, Liberation Day (5 May) included
        (date(2026, 5, 14), 15, 35700),  # the 15th day is 13 May; dispatch on Ascension Day itself ends it
        (date(2026, 5, 27), 28, 81200),  # Ascension Day and Whit Monday count as days in default
        (date(2026, 5, 28), 29, 85700),
        (date(2026, 6, 9), 41, 139700),
        (date(2026, 6, 10), 42, 144200),
        (date(2026, 8, 1), 42, 144200),
    ],
)
def test_the_penalty_accrues_every_calendar_day_until_the_day_before_dispatch(
    dispatched_on: date, days: int, cents: int
) -> None:
    default = default_of("decision:a", date(2026, 4, 10), date(2026, 4, 13))
    penalty = determine(default, dispatched_on, dispatched_on, "m.bakker")
    assert (penalty.days, penalty.amount_cents) == (days, cents)
    assert penalty.last_day == min(dispatched_on - timedelta(days=1), date(2026, 6, 9))


def test_the_42nd_day_on_christmas_is_not_moved_by_the_atw() -> None:
    # Notice received Friday 30 October 2026: the two weeks end Friday 13 November; the penalty runs from Saturday
    # 14 November (weekends count) for 42 days, the last on Christmas Day 2026, which does not push it on.
    default = default_of("decision:a", date(2026, 10, 20), date(2026, 10, 30))
    assert (default.first_day, default.cap_day) == (date(2026, 11, 14), date(2026, 12, 25))
    penalty = determine(default, None, date(2027, 1, 4), "m.bakker")
    assert (penalty.days, penalty.amount_cents, penalty.last_day) == (42, 144200, date(2026, 12, 25))
    assert penalty.determination_due == date(2027, 1, 8)
    before = determine(default, date(2026, 12, 24), date(2026, 12, 24), "m.bakker")
    assert (before.days, before.amount_cents) == (40, 81200 + 12 * 4500)


def test_the_college_determines_the_penalty_within_two_weeks_extended_past_christmas() -> None:
    # Awb 4:18: last day Friday 11 December 2026; two weeks end on Christmas Day, then a weekend: Monday 28 December.
    assert determination_due(date(2026, 12, 11)) == date(2026, 12, 28)


def test_an_exemption_of_awb_4_17_lid_6_leaves_nothing_due_but_counts_the_days() -> None:
    default = default_of("decision:a", date(2026, 4, 10), date(2026, 4, 13))
    penalty = determine(default, date(2026, 5, 20), date(2026, 5, 20), "m.bakker", "unreasonably_late")
    assert (penalty.days, penalty.amount_cents, penalty.exemption) == (21, 0, "unreasonably_late")
    with pytest.raises(Refused, match="lid 6"):
        determine(default, date(2026, 5, 20), date(2026, 5, 20), "m.bakker", "bad luck")


@given(
    received=st.dates(min_value=date(2000, 1, 2), max_value=date(2099, 12, 1)),
    later=st.integers(min_value=0, max_value=120),
)
def test_in_any_year_the_penalty_never_exceeds_1442_euros_nor_42_days(received: date, later: int) -> None:
    default = default_of("decision:a", received - timedelta(days=1), received)
    dispatched = default.first_day + timedelta(days=later)
    penalty = determine(default, dispatched, dispatched, "m.bakker")
    assert penalty.days == min(later, 42) and penalty.amount_cents == penalty_cents(penalty.days) <= MAX_CENTS
    assert (default.cap_day - default.first_day).days == 41
