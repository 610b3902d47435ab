"""Query rows per team and event type add up to each team's figures and budget lines."""

from __future__ import annotations

import pytest

from contracts.events.base import IntegrationEvent
from contracts.events.budget import BudgetAllocated, FundsRefused, FundsReserved
from contracts.events.care import CareStarted
from contracts.events.intake import CaseOpened, DebtConcernFlagged
from contracts.registry import REGISTRY
from services.reporting.report import COUNTED, SUMMED, Figures, team_summaries

pytestmark = pytest.mark.unit


def count(team: str, model: type[IntegrationEvent], facts: int, cents: int = 0) -> dict[str, object]:
    return {"team_id": team, "type": model.type, "facts": facts, "cents": cents}


def budget(team: str, allocated: int, reserved: int, line: str = "wmo") -> dict[str, object]:
    return {
        "team_id": team,
        "year": 2025,
        "budget_line": line,
        "allocated_cents": allocated,
        "reserved_cents": reserved,
    }


def test_each_fact_type_is_counted_under_its_own_figure() -> None:
    rows = [
        count("haven", CaseOpened, 3),
        count("haven", CareStarted, 2),
        count("haven", FundsReserved, 2, cents=70_000),
        count("haven", FundsRefused, 1, cents=99_999),
    ]
    [haven] = team_summaries(rows, [])
    assert (haven.cases_opened, haven.care_started, haven.funds_refused) == (3, 2, 1)
    assert (haven.funds_reserved, haven.funds_reserved_cents) == (2, 70_000)
    assert haven.decisions == 0 and haven.letters_issued == 0


def test_facts_without_a_figure_make_the_team_known_but_count_nowhere() -> None:
    [haven] = team_summaries([count("haven", DebtConcernFlagged, 4), count("haven", BudgetAllocated, 1, 500)], [])
    assert haven.team_id == "haven"
    assert all(value == 0 for value in haven.model_dump(include=set(Figures.model_fields)).values())


def test_teams_are_kept_apart_and_sorted() -> None:
    teams = team_summaries([count("stad", CaseOpened, 1), count("haven", CaseOpened, 2)], [])
    assert [(t.team_id, t.cases_opened) for t in teams] == [("haven", 2), ("stad", 1)]


def test_remaining_budget_is_allocated_minus_reserved_and_may_go_negative() -> None:
    [haven, stad] = team_summaries([], [budget("haven", 1_000_000, 250_050), budget("stad", 0, 10_000, "youth")])
    assert haven.budget[0].remaining_cents == 749_950
    assert (stad.budget[0].budget_line, stad.budget[0].remaining_cents) == ("youth", -10_000)


def test_every_figure_names_a_published_fact_type() -> None:
    for event_type in [*COUNTED, *SUMMED]:
        assert REGISTRY.model(event_type).type == event_type
    assert set(COUNTED.values()) | set(SUMMED.values()) == set(Figures.model_fields)
