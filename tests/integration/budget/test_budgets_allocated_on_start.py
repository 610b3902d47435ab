"""On start, budget allocates the municipality's configured budgets, once, and shows them in cents."""

from __future__ import annotations

import pytest

from contracts.events.budget import BudgetAllocated
from contracts.topics import facts
from tests.support.budgets import NO_BUDGET_YEAR, allocated_budgets
from tests.support.bus import read_facts
from tests.support.stack import Stack

pytestmark = pytest.mark.integration
LINES_A_YEAR = 16  # four teams: wmo and discretionary (municipality.json), youth and special assistance (funding.json)


async def test_configured_budgets_are_allocated_and_listed_per_team_and_year(stack: Stack) -> None:
    async with stack.client("budget") as client:
        haven = (await client.get("/budgets", params={"team_id": "wijkteam-haven", "year": 2026})).json()
        every = (await client.get("/budgets")).json()
        other_year = (await client.get("/budgets", params={"year": NO_BUDGET_YEAR})).json()
        wmo = (await client.get("/budgets/wijkteam-haven/2026/wmo")).json()
    assert [(b["line"], b["allocated_cents"]) for b in haven] == [
        ("discretionary", 30_000_000),
        ("special_assistance", 25_992_316),
        ("wmo", 180_000_000),
        ("youth", 95_299_760),
    ]
    assert all(b["remaining_cents"] <= b["allocated_cents"] + b["reserve_draws_cents"] for b in haven)
    lines, _ = allocated_budgets()
    assert len(every) == lines >= 2 * LINES_A_YEAR and other_year == []
    assert (wmo["team_id"], wmo["year"], wmo["allocated_cents"]) == ("wijkteam-haven", 2026, 180_000_000)


async def test_a_restart_allocates_nothing_twice(own_stack: Stack) -> None:
    """A stack of its own: it restarts budget, and counts every fact budget ever published."""
    stack = await own_stack.start(["budget"])
    await stack.stop(["budget"])
    await stack.start(["budget"])
    app = stack["budget"].app
    lines, reserves = allocated_budgets()
    assert app is not None and app.recorder.max_notification_id() == lines + reserves
    published = await read_facts(stack.settings.kafka_bootstrap, facts("budget"), lines + 1, polls=8)
    assert len(published) == lines and all(isinstance(f, BudgetAllocated) for f in published)
    assert {(f.team_id, f.budget_line) for f in published if isinstance(f, BudgetAllocated)} >= {
        ("wijkteam-haven", "wmo"),
        ("wijkteam-poort", "discretionary"),
    }


async def test_bad_budget_queries_get_a_clear_4xx(stack: Stack) -> None:
    async with stack.client("budget") as client:
        bad_year = await client.get("/budgets", params={"year": "soon"})
        empty_team = await client.get("/budgets", params={"team_id": ""})
        bad_line = await client.get("/budgets/wijkteam-haven/2026/cash")
        unknown = await client.get(f"/budgets/wijkteam-haven/{NO_BUDGET_YEAR}/wmo")
    assert bad_year.status_code == 422 and bad_year.json()["detail"][0]["field"] == "query.year"
    assert empty_team.status_code == 422 and empty_team.json()["detail"][0]["field"] == "query.team_id"
    assert bad_line.status_code == 422 and bad_line.json()["detail"][0]["field"] == "path.line"
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == f"no budget allocated for wijkteam-haven wmo {NO_BUDGET_YEAR}"
