"""A year of facts from every topic adds up to the accountability report; as of a past moment it ignores later
facts; a filter by team, district or period narrows every section; a bad filter is a 422."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.integration.reporting.facts import fact_count, facts_recorded
from tests.integration.reporting.year import HAVEN, STAD, a_year, may_first, publish_year
from tests.support.bus import Publisher
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


async def report(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await client.get("/report", params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_the_year_adds_up_and_as_of_ignores_later_facts(reporting_stack: Stack) -> None:
    stack, played = reporting_stack, a_year()
    before = await fact_count(stack)
    async with Publisher(stack.settings.kafka_bootstrap) as bus:
        published = await publish_year(bus, played)
    await facts_recorded(stack, published, before)

    async with httpx.AsyncClient(base_url=stack.url("reporting")) as client:
        year = await report(client, year=played)
        spring = await report(client, year=played, as_of=may_first(played).isoformat())
        haven = await report(client, year=played, team=HAVEN)
        stad_district = await report(client, year=played, district="Almere Stad")
        autumn = await report(client, period_from=f"{played}-07-01", period_to=f"{played}-12-31")

    wmo = {(line["team_id"], line["budget_line"]): line for line in year["budget"]["lines"]}
    assert wmo[(HAVEN, "wmo")]["spent_cents"] == 30_000 and wmo[(HAVEN, "wmo")]["reserved_open_cents"] == 70_000
    assert wmo[(HAVEN, "wmo")]["remaining_cents"] == 10_000_000 - 30_000 - 70_000
    assert wmo[(STAD, "wmo")]["spent_cents"] == 20_000 and wmo[(HAVEN, "wmo")]["districts"] == ["Almere Haven"]
    decisions = year["decisions"]
    assert (decisions["decisions"], decisions["escalated"], decisions["escalations_approved"]) == (3, 1, 1)
    [deviation] = decisions["deviations"]  # counted per rule: no justification, no name (issue 18)
    assert (deviation["rule_ref"], deviation["rule_value"], deviation["deviations"]) == ("JH02.min_age", 18, 1)
    assert (deviation["largest_departure"], deviation["team_id"]) == (1, HAVEN)
    assert {(d["mandate_ref"], d["deciders"], d["escalated"]) for d in decisions["by_mandate"]} == {
        ("ALM-M-01", 1, 0),
        ("ALM-M-09", 1, 1),
    }
    assert "prof-1" not in json.dumps(year) and "lead-1" not in json.dumps(year)
    terms = {s["clock"]: s for s in year["terms"]["summaries"]}
    assert (terms["investigation"]["started"], terms["investigation"]["share_on_time"]) == (3, 1.0)
    assert terms["investigation"]["median_days"] == 20.0
    assert (terms["debt_first_conversation"]["late"], terms["debt_first_conversation"]["share_on_time"]) == (1, 0.0)
    assert [m["clock"] for m in year["terms"]["missed"]] == ["debt_first_conversation"]
    assert year["debt"]["total"]["with_debts"] == 1 and year["debt"]["total"]["cases"] == 3
    assert year["debt"]["total"]["found"]["within_week"] == 1
    assert year["satisfaction"]["total"]["answers"] == 3 and year["satisfaction"]["total"]["average"] == 7.7
    assert year["signals"]["per_partner_type"] == {"housing": 1} and year["signals"]["rejected"] == {"school": 1}
    assert year["signals"]["per_district"] == {"Almere Haven": 1} and year["signals"]["help_offered"] == {"housing": 1}
    assert [(f["provider_id"], f["plan_fits"]) for f in year["feedback"]] == [("zorg-1", 0)]
    support = {s["team_id"]: s for s in year["client_support"]}
    assert (support[HAVEN]["offered"], support[HAVEN]["volunteer"], support[HAVEN]["declined"]) == (2, 1, 1)

    assert spring["decisions"]["decisions"] == 1 and spring["satisfaction"]["total"]["answers"] == 1
    assert spring["debt"]["total"]["cases"] == 1 and spring["terms"]["missed"] == []
    assert {
        line["team_id"]: line["spent_cents"] for line in spring["budget"]["lines"] if line["budget_line"] == "wmo"
    } == {
        HAVEN: 30_000,
        STAD: 0,
    }
    assert {t["team_id"] for t in haven["teams"]} == {HAVEN} and haven["decisions"]["decisions"] == 2
    assert {t["team_id"] for t in stad_district["teams"]} == {STAD}
    assert stad_district["satisfaction"]["total"]["average"] == 9.0
    assert autumn["debt"]["total"]["cases"] == 2 and autumn["decisions"]["decisions"] == 2


BAD_FILTERS: list[dict[str, Any]] = [
    {"period_from": "2025-12-01", "period_to": "2025-01-01"},
    {"year": 2025, "period_from": "2025-01-01"},
    {"year": "twenty"},
    {"period_from": "1-1-2025"},
    {"team": "x" * 101},
    {"as_of": "yesterday"},
]


async def test_a_bad_filter_is_a_422_on_every_report(reporting_stack: Stack) -> None:
    stack = reporting_stack
    routes = ["/report", "/report/budget", "/report/decisions", "/report/terms", "/report/satisfaction", "/teams"]
    async with httpx.AsyncClient(base_url=stack.url("reporting")) as client:
        for params in BAD_FILTERS:
            responses = [await client.get(route, params=params) for route in routes]
            assert [r.status_code for r in responses] == [422] * len(routes), (params, [r.text for r in responses])
            assert all(r.json()["error"] in ("invalid_request", "invalid_filter") for r in responses)
