"""Population-based allocation (populatiebekostiging): weighted shares, apportioned in whole cents."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernel.municipality import ConfigError, municipality_of
from services.budget.domain.allocation import largest_remainder, population_allocation, population_score
from services.budget.funding import funding_path, load_funding

pytestmark = pytest.mark.unit


def test_the_left_over_cents_go_to_the_largest_remainders() -> None:
    # exact shares of 100 cents by 1:1:1 are 33 1/3 each; one cent is left and goes to the first key on a tie
    assert largest_remainder(100, {"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    # 10 cents by 0.45 / 0.35 / 0.20 = 4.5 / 3.5 / 2.0: floors 4 + 3 + 2 = 9, the cent goes to a (tie broken by key)
    assert largest_remainder(10, {"b": Fraction(35, 100), "a": Fraction(45, 100), "c": Fraction(20, 100)}) == {
        "a": 5,
        "b": 3,
        "c": 2,
    }
    # 7 cents by 1:2:4 = exact 1/2/4
    assert largest_remainder(7, {"x": 1, "y": 2, "z": 4}) == {"x": 1, "y": 2, "z": 4}


def test_a_remainder_decides_not_the_size_of_the_share() -> None:
    # 20 cents by 0.66 / 0.34: exact 13.2 and 6.8; the cent goes to the larger remainder (0.8), the smaller share
    assert largest_remainder(20, {"big": Fraction(66, 100), "small": Fraction(34, 100)}) == {"big": 13, "small": 7}


@given(
    st.integers(min_value=0, max_value=10**12),
    st.dictionaries(st.text(min_size=1, max_size=4), st.integers(min_value=0, max_value=10**6), min_size=1),
)
def test_the_parts_always_sum_to_the_total_within_a_cent_of_exact(total: int, weights: dict[str, int]) -> None:
    if sum(weights.values()) == 0:
        with pytest.raises(ValueError, match="sum to zero"):
            largest_remainder(total, weights)
        return
    parts = largest_remainder(total, weights)
    assert sum(parts.values()) == total and set(parts) == set(weights)
    whole = sum(weights.values())
    for key, part in parts.items():
        assert abs(Fraction(part) - Fraction(total * weights[key], whole)) < 1


def test_negative_totals_and_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="never negative"):
        largest_remainder(-1, {"a": 1})
    with pytest.raises(ValueError, match="never negative"):
        largest_remainder(1, {"a": -1, "b": 2})


def test_the_score_is_the_weighted_sum_of_the_profile() -> None:
    profile: dict[str, int | Fraction] = {"residents_0_17": 1000, "low_income_residents": Fraction(2205, 2)}
    assert population_score(profile, {"residents_0_17": 1, "low_income_residents": Fraction(1, 2)}) == Fraction(
        1000 + 2205 / 4
    )
    with pytest.raises(ValueError, match="lacks: residents_75_plus"):
        population_score(profile, {"residents_75_plus": 1})


def test_teams_share_a_total_by_population() -> None:
    profiles = {"haven": {"youth": 100}, "poort": {"youth": 300}}
    assert population_allocation(1_000_001, profiles, {"youth": 1}) == {"haven": 250_000, "poort": 750_001}


def test_almere_funding_config_shares_each_population_line_exactly() -> None:
    funding = load_funding(funding_path(""), municipality_of(""))
    youth = {a[0]: a[3] for a in funding.allocations if a[2] == "youth" and a[1] == 2026}
    assert sum(youth.values()) == 960_000_000 and len(youth) == 4
    assert youth["wijkteam-stad"] > youth["wijkteam-buiten"] > youth["wijkteam-poort"] > youth["wijkteam-haven"]
    assert funding.reserves == {2026: 50_000_000, 2027: 51_500_000}
    assert funding.approver_roles == {"controller"}  # the platform role, from the token
    fixed = [a for a in funding.allocations if a[2] == "discretionary"]
    assert {a[3] for a in fixed} == {30_000_000}  # maatwerkbudget EUR 300,000 per team (Almere, from 2018)


def test_a_line_budgeted_in_both_files_is_a_configuration_error(tmp_path: Path) -> None:
    wmo = {"method": "fixed", "amounts_cents": {"wijkteam-haven": 1}}
    clash = {"municipality": "Almere", "years": [{"year": 2026, "lines": {"wmo": wmo}}]}
    path = tmp_path / "funding.json"
    path.write_text(__import__("json").dumps(clash))
    with pytest.raises(ConfigError, match=r"municipality\.json has"):
        load_funding(path, municipality_of(""))


def test_an_unknown_team_or_indicator_is_a_configuration_error(tmp_path: Path) -> None:
    path = tmp_path / "funding.json"
    path.write_text(
        '{"municipality": "Almere", "years": [{"year": 2027, "lines": {"youth": {"method": "fixed", '
        '"amounts_cents": {"wijkteam-nergens": 5}}}}]}'
    )
    with pytest.raises(ConfigError, match="unknown team 'wijkteam-nergens'"):
        load_funding(path, municipality_of(""))
    path.write_text(
        '{"municipality": "Almere", "districts": [{"team_id": "wijkteam-haven", "residents_by_age": '
        '{"0-17": 1, "18-64": 1, "65-74": 1, "75+": 1}, "low_income_permille": 1, "single_parent_households": 0}], '
        '"years": [{"year": 2027, "lines": {"youth": {"method": "population", "total_cents": 5, '
        '"weights": {"pets": "1"}}}}]}'
    )
    with pytest.raises(ConfigError, match="lacks: pets"):
        load_funding(path, municipality_of(""))
