"""Budget lines balance as budget keeps them; months accumulate per year; decisions add up."""

from __future__ import annotations

import pytest

from services.reporting.figures_money import budget_section, decision_section, month_figures, share
from services.reporting.report import budget_line

pytestmark = pytest.mark.unit


def sums(**figures: int) -> dict[str, object]:
    return {
        "team_id": "haven",
        "year": 2025,
        "budget_line": "wmo",
        "allocated_cents": 0,
        "reserved_cents": 0,
        **figures,
    }


def test_remaining_is_allocated_plus_draws_minus_spent_minus_what_is_still_reserved() -> None:
    line = budget_line(
        sums(
            allocated_cents=100_000, reserve_draws_cents=5_000, reserved_cents=40_000, spent_cents=25_000,
            spent_from_reservations_cents=20_000, released_cents=10_000,
        )
    )  # fmt: skip
    assert line.reserved_open_cents == 40_000 - 20_000 - 10_000
    assert line.remaining_cents == 100_000 + 5_000 - 25_000 - 10_000
    assert line.allocated_cents + line.reserve_draws_cents == (
        line.spent_cents + line.reserved_open_cents + line.remaining_cents
    )


def test_totals_add_the_teams_lines_per_year_and_line() -> None:
    rows = [
        sums(allocated_cents=1_000, reserved_cents=300),
        {**sums(allocated_cents=2_000, spent_cents=500), "team_id": "stad"},
        {**sums(allocated_cents=700), "year": 2026},
    ]
    section = budget_section(rows, [], {"haven": ["Almere Haven"]})
    assert [
        (t.year, t.allocated_cents, t.reserved_open_cents, t.spent_cents, t.remaining_cents) for t in section.totals
    ] == [
        (2025, 3_000, 300, 500, 2_200),
        (2026, 700, 0, 0, 700),
    ]
    assert section.lines[0].districts == ["Almere Haven"] and section.lines[1].districts == []


def test_months_accumulate_spending_within_each_year() -> None:
    months = month_figures(
        [
            {"year": 2025, "month": 3, "spent_cents": 50, "reserved_cents": 0},
            {"year": 2025, "month": 1, "spent_cents": 100, "reserved_cents": 900},
            {"year": 2026, "month": 1, "spent_cents": 7, "reserved_cents": 0},
        ]
    )
    assert [(m.year, m.month, m.cumulative_spent_cents) for m in months] == [
        (2025, 1, 100),
        (2025, 3, 150),
        (2026, 1, 7),
    ]


def test_decisions_count_escalations_and_keep_every_deviation() -> None:
    provision = {"provision_code": "HH01", "budget_line": "wmo", "decisions": 3, "amount_cents": 900, "escalated": 1}
    section = decision_section(
        [provision, {**provision, "provision_code": "JH02"}], [], {"escalated": 2, "approved": 1}, []
    )
    assert (section.decisions, section.escalated, section.escalations_approved) == (6, 2, 1)


def test_a_share_of_nothing_is_none() -> None:
    assert share(1, 3) == 0.3333 and share(0, 0) is None
