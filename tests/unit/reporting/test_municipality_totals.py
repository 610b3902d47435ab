"""The municipality's totals are the teams' figures summed, budgets per year and line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.reporting.report import BudgetLineSummary, TeamSummary, fact_count, municipality

pytestmark = pytest.mark.unit


def line(name: str, allocated: int, reserved: int, year: int = 2025) -> BudgetLineSummary:
    """A line with `reserved` still open (nothing spent or released yet); its own remaining is not used."""
    return BudgetLineSummary(
        year=year,
        budget_line=name,
        allocated_cents=allocated,
        reserved_cents=reserved,
        reserved_open_cents=reserved,
        remaining_cents=0,
    )


def test_figures_are_summed_over_the_teams() -> None:
    teams = [
        TeamSummary(team_id="haven", cases_opened=2, funds_reserved_cents=100),
        TeamSummary(team_id="stad", cases_opened=1, funds_reserved_cents=50, debt_referrals=1),
    ]
    total = municipality(teams, datetime(2025, 6, 1, tzinfo=UTC))
    assert (total.teams, total.cases_opened, total.funds_reserved_cents, total.debt_referrals) == (2, 3, 150, 1)
    assert total.as_of == datetime(2025, 6, 1, tzinfo=UTC)


def test_budgets_are_totalled_per_year_and_line() -> None:
    teams = [
        TeamSummary(team_id="haven", budget=[line("wmo", 1000, 300), line("youth", 500, 0)]),
        TeamSummary(team_id="stad", budget=[line("wmo", 2000, 2500), line("wmo", 700, 0, year=2026)]),
    ]
    budget = [
        (b.year, b.budget_line, b.allocated_cents, b.reserved_cents, b.remaining_cents)
        for b in municipality(teams).budget
    ]
    assert budget == [(2025, "wmo", 3000, 2800, 200), (2025, "youth", 500, 0, 500), (2026, "wmo", 700, 0, 700)]


def test_no_teams_means_zero_everywhere() -> None:
    total = municipality([])
    assert total.teams == 0 and total.cases_opened == 0 and total.budget == []


def test_fact_count_totals_the_types() -> None:
    counted = fact_count([{"type": "a", "facts": 2}, {"type": "b", "facts": 5}])
    assert counted.facts == 7 and counted.by_type == {"a": 2, "b": 5}
