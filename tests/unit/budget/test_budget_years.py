"""Budget years: the configured years (2026, 2027), and a later year repeating the last configured one until the
council's own figures for it are configured, so decisions keep being funded on any date."""

from __future__ import annotations

from pathlib import Path

import pytest

from kernel.municipality import load_municipality
from services.budget.funding import Funding, funding_path, load_funding

pytestmark = pytest.mark.unit
CONFIG = Path(__file__).resolve().parents[3] / "config"


def funding_of(name: str) -> Funding:
    setting = str(CONFIG / name / "municipality.json")
    return load_funding(funding_path(setting), load_municipality(setting))


@pytest.mark.parametrize("name", ["almere", "almelo", "helmond", "zaanstad"])
def test_every_municipality_budgets_2026_and_2027_for_every_line(name: str) -> None:
    funding = funding_of(name)
    lines = {year: {(team, line) for team, y, line, _ in funding.allocations if y == year} for year in (2026, 2027)}
    assert lines[2026] and lines[2026] == lines[2027]
    assert set(funding.reserves) == {2026, 2027} and funding.carried_forward == {}


def test_a_later_year_repeats_the_last_configured_year_and_says_so() -> None:
    funding = Funding([("t1", 2026, "wmo", 100), ("t1", 2027, "wmo", 103), ("t2", 2027, "youth", 7)], {2027: 50})
    later = funding.through(2029)
    assert sorted(a for a in later.allocations if a[1] == 2029) == [("t1", 2029, "wmo", 103), ("t2", 2029, "youth", 7)]
    assert later.reserves == {2027: 50, 2028: 50, 2029: 50}
    assert later.carried_forward == {2028: 2027, 2029: 2027}


def test_configured_years_are_never_overwritten_by_the_rule() -> None:
    funding = Funding([("t1", 2026, "wmo", 100), ("t1", 2027, "wmo", 103)], {2026: 9})
    assert funding.through(2027) == funding and funding.through(2020) == funding
    assert funding.through(2028).reserves == {2026: 9}, "no reserve configured for 2027: none is repeated"
    assert Funding([]).through(2030) == Funding([])
