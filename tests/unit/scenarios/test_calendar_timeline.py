"""The simulated year's timeline: a function of the seed alone, on working days, ending with the year-end close."""

from __future__ import annotations

from datetime import date

import pytest

from kernel.termijnen import is_working_day
from tooling.simulate_scenario import Municipality, households
from tooling.simulate_timeline import DECIDE, timeline

pytestmark = pytest.mark.unit


def year_of(name: str, count: int, seed: int, year: int = 2027):  # type: ignore[no-untyped-def]
    return timeline(households(Municipality.load(name), count, seed, year), seed, year)


def test_the_same_seed_gives_the_same_days_and_another_seed_other_days() -> None:
    assert year_of("helmond", 40, 11) == year_of("helmond", 40, 11)
    assert year_of("helmond", 40, 11) != year_of("helmond", 40, 12)


def test_every_step_is_on_a_working_day_of_the_year_and_the_close_comes_last_in_january() -> None:
    steps = year_of("almere", 30, 5)
    assert all(is_working_day(s.day) for s in steps)
    *year, close = steps
    assert close.kind == "close_year" and close.day.year == 2028 and close.day.month == 1
    assert all(date(2027, 1, 5) <= s.day < close.day for s in year)
    assert steps == sorted(steps, key=lambda s: (s.day, s.phase, s.household, s.kind))


def test_a_household_meets_the_team_before_it_decides_and_some_miss_a_statutory_term() -> None:
    steps = year_of("almelo", 60, 3)
    days = {(s.household, s.kind): s.day for s in steps}
    met = [n for (n, kind) in days if kind == "decide"]
    assert met and all(days[(n, "melding")] < days[(n, "kitchen_table")] < days[(n, "decide")] for n in met)
    late_plans = [n for n in met if (days[(n, "kitchen_table")] - days[(n, "melding")]).days > 7]
    late_decisions = [n for n in met if (days[(n, "decide")] - days[(n, "melding")]).days > 42]
    assert late_plans and late_decisions and len(late_plans) < len(met) / 2
    assert {s.phase for s in steps if s.kind == "decide"} == {DECIDE}


def test_decisions_late_in_the_year_run_into_the_next_and_december_is_declared_in_january() -> None:
    steps = year_of("zaanstad", 40, 7)
    periods = [d.period_end for s in steps if s.kind == "decide" for d in s.data["decisions"]]  # type: ignore[attr-defined]
    assert any(end.year == 2028 for end in periods)
    january = [s for s in steps if s.kind == "declare" and s.day.year == 2028]
    assert january and all(s.data["through"] == date(2027, 12, 31) for s in january)
