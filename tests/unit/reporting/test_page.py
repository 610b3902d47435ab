"""The HTML page: Dutch euro notation, and team names escaped."""

from __future__ import annotations

import pytest

from services.reporting.page import euros, render_page
from services.reporting.report import TeamSummary

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("cents", "shown"),
    [(0, "€ 0,00"), (5, "€ 0,05"), (123_456, "€ 1.234,56"), (100_000_000, "€ 1.000.000,00"), (-1_050, "-€ 10,50")],
)
def test_cents_are_shown_as_dutch_euros(cents: int, shown: str) -> None:
    assert euros(cents) == shown


def test_team_names_are_escaped_and_an_empty_report_says_so() -> None:
    page = render_page([TeamSummary(team_id="<script>x</script>", cases_opened=4)])
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert "No facts yet." in render_page([])
