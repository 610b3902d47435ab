"""The report filter: periods that make sense, naive moments read in Amsterdam; the municipality's context."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kernel.errors import Refused
from services.reporting.context import MunicipalityContext
from services.reporting.filters import ReportFilter

pytestmark = pytest.mark.unit
CONTEXT = MunicipalityContext(
    "Almere", {"Almere Haven": "wijkteam-haven", "Almere Stad": "wijkteam-stad"}, {"woonstad-almere": "housing"}
)


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(Refused, match="lies after"):
        ReportFilter(period_from=date(2025, 2, 1), period_to=date(2025, 1, 31))
    assert ReportFilter(period_from=date(2025, 1, 1), period_to=date(2025, 1, 1)).years == (2025, 2025)


def test_a_year_is_its_first_to_last_day_and_the_args_follow_facts_at() -> None:
    where = ReportFilter.of_year(2025, team_id="t", district="d")
    assert where.args() == (None, "t", "d", date(2025, 1, 1), date(2025, 12, 31))
    assert where.unperiodised() == (None, "t", "d", None, None)


def test_a_naive_as_of_is_amsterdam_time_and_sets_the_reference_day() -> None:
    where = ReportFilter(as_of=datetime(2025, 7, 1, 0, 30))
    assert where.as_of == datetime(2025, 6, 30, 22, 30, tzinfo=UTC)
    assert where.reference_day == date(2025, 7, 1)


def test_a_district_selects_the_budget_of_the_team_that_serves_it() -> None:
    assert CONTEXT.budget_team(None, "Almere Stad") == "wijkteam-stad"
    assert CONTEXT.budget_team("wijkteam-stad", "Almere Stad") == "wijkteam-stad"
    assert CONTEXT.budget_team("wijkteam-haven", None) == "wijkteam-haven"
    assert CONTEXT.budget_team("wijkteam-haven", "Almere Stad") not in CONTEXT.teams  # matches no budget
    assert CONTEXT.budget_team(None, "Nergens") not in CONTEXT.teams


def test_partner_types_and_the_teams_districts() -> None:
    assert CONTEXT.partner_type("woonstad-almere") == "housing" and CONTEXT.partner_type("x") == "unknown"
    assert CONTEXT.team_districts == {"wijkteam-haven": ["Almere Haven"], "wijkteam-stad": ["Almere Stad"]}
