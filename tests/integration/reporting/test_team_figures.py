"""Facts of one household, from four topics, add up to its team's figures, whatever order they arrive in."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from tests.integration.reporting.facts import (
    budget_allocated,
    care_started,
    case_opened,
    decision_taken,
    fact_count,
    facts_recorded,
    funds_reserved,
    moment,
)
from tests.integration.reporting.year import a_year
from tests.support.bus import Publisher
from tests.support.stack import Stack

pytestmark = pytest.mark.integration
HAVEN, STAD = "wijkteam-haven", "wijkteam-stad"


async def test_care_started_before_the_case_opened_still_counts_for_the_team(reporting_stack: Stack) -> None:
    stack, year, before = reporting_stack, a_year(), await fact_count(reporting_stack)
    own = {"year": year}  # the shared reporting stack: only this test's facts are of this year
    t0 = moment(year)
    household, neighbour, decision = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    async with (
        Publisher(stack.settings.kafka_bootstrap, time=t0) as bus,
        stack.client("reporting") as client,
    ):
        await bus.publish(care_started(household, year), t0 + timedelta(days=7))
        await facts_recorded(stack, 1, before)
        unattributed = await client.get(f"/teams/{HAVEN}", params=own)

        await bus.publish(budget_allocated(HAVEN, 1_000_000, year))
        await bus.publish(case_opened(household, HAVEN, year))
        await bus.publish(case_opened(neighbour, STAD, year, district="Stad"))
        await bus.publish(decision_taken(household, HAVEN, 125_050, decision, year), t0 + timedelta(days=1))
        await bus.publish(funds_reserved(household, HAVEN, 125_050, decision, year), t0 + timedelta(days=1))
        await facts_recorded(stack, 6, before)
        team = (await client.get(f"/teams/{HAVEN}", params=own)).json()
        listing = (await client.get("/teams", params=own)).json()
        summary = (await client.get("/summary", params=own)).json()
        page = await client.get("/", params=own)

    assert unattributed.status_code == 404 and unattributed.json()["error"] == "unknown_team"
    assert team["cases_opened"] == 1 and team["decisions"] == 1 and team["care_started"] == 1
    assert team["funds_reserved"] == 1 and team["funds_reserved_cents"] == 125_050
    assert team["funds_refused"] == 0 and team["letters_issued"] == 0
    assert team["budget"] == [
        {
            "year": year,
            "budget_line": "wmo",
            "allocated_cents": 1_000_000,
            "reserve_draws_cents": 0,
            "reserved_cents": 125_050,
            "spent_cents": 0,
            "released_cents": 0,
            "carried_in_cents": 0,
            "carried_over_cents": 0,
            "reserved_open_cents": 125_050,
            "remaining_cents": 874_950,
            "closed_on": None,
        }
    ]
    assert [(t["team_id"], t["cases_opened"], t["care_started"]) for t in listing] == [(HAVEN, 1, 1), (STAD, 1, 0)]
    assert summary["teams"] == 2 and summary["cases_opened"] == 2 and summary["funds_reserved_cents"] == 125_050
    assert summary["budget"][0]["remaining_cents"] == 874_950
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert HAVEN in page.text and "€ 1.250,50" in page.text
