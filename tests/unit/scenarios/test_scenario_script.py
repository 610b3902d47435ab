"""The simulated year is a seeded script: the same seed plays the same year, another seed another one."""

from __future__ import annotations

import pytest

from tooling.simulate_scenario import DEBT_SHARE, Municipality, households

pytestmark = pytest.mark.unit


def test_the_same_seed_plays_the_same_year() -> None:
    almere = Municipality.load("almere")
    assert households(almere, 40, 7, 2026) == households(almere, 40, 7, 2026)


def test_another_seed_signals_with_other_references_so_a_second_demo_is_not_a_repeat() -> None:
    almere = Municipality.load("almere")
    first = {h.signal_reference for h in households(almere, 200, 2026, 2026)}
    second = {h.signal_reference for h in households(almere, 200, 2038, 2026)}
    assert len(first) == 200 and len(second) == 200
    assert not first & second


def test_debts_play_a_part_in_most_households() -> None:
    played = households(Municipality.load("zaanstad"), 400, 1, 2026)
    share = sum(h.debts for h in played) / len(played)
    assert abs(share - DEBT_SHARE) < 0.06
    assert all(h.team_id for h in played)
