"""Reports as of a moment count only the facts that had occurred by then; a malformed moment is a 422."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from tests.integration.reporting.facts import case_opened, decision_taken, fact_count, facts_recorded, moment
from tests.integration.reporting.year import a_year
from tests.support.bus import Publisher
from tests.support.stack import Stack

pytestmark = pytest.mark.integration
TEAM = "wijkteam-haven"
ROUTES = ("/teams", f"/teams/{TEAM}", "/summary", "/facts/count", "/")


async def test_as_of_before_a_fact_leaves_it_out(reporting_stack: Stack) -> None:
    stack, year = reporting_stack, a_year()
    household, t0, before = uuid.uuid4(), moment(year), await fact_count(reporting_stack)
    async with Publisher(stack.settings.kafka_bootstrap, time=t0) as bus:
        await bus.publish(case_opened(household, TEAM, year), t0)  # 3 March 09:00 UTC = 10:00 in Amsterdam
        await bus.publish(decision_taken(household, TEAM, 5_000, uuid.uuid4(), year), t0 + timedelta(days=7))
    await facts_recorded(stack, 2, before)

    own = {"year": year}  # the shared reporting stack: only this test's facts occur in this year
    async with stack.client("reporting") as client:
        between = (await client.get(f"/teams/{TEAM}", params={**own, "as_of": f"{year}-03-05T00:00:00Z"})).json()
        everything = (await client.get(f"/teams/{TEAM}", params=own)).json()
        counted = await fact_count(stack, as_of=f"{year}-03-05T00:00:00Z")
        earlier = await fact_count(stack, as_of=f"{year}-01-01T00:00:00Z")  # the facts of other tests' years
        early = await client.get(f"/teams/{TEAM}", params={**own, "as_of": f"{year}-03-03T08:59:59Z"})
        listing = (await client.get("/teams", params={**own, "as_of": f"{year}-03-03T08:59:59Z"})).json()
        local_after = (await client.get("/summary", params={**own, "as_of": f"{year}-03-03T10:00:00"})).json()
        local_before = (await client.get("/summary", params={**own, "as_of": f"{year}-03-03T09:30:00"})).json()

    assert (between["cases_opened"], between["decisions"]) == (1, 0)
    assert (everything["cases_opened"], everything["decisions"]) == (1, 1)
    assert counted - earlier == 1
    assert early.status_code == 404 and listing == []
    assert local_after["cases_opened"] == 1 and local_before["cases_opened"] == 0  # naive: Amsterdam time


async def test_a_malformed_as_of_is_refused_on_every_route(reporting_stack: Stack) -> None:
    async with reporting_stack.client("reporting") as client:
        responses = [await client.get(route, params={"as_of": "notadate"}) for route in ROUTES]
    assert [r.status_code for r in responses] == [422] * len(ROUTES)
    assert all(r.json()["detail"][0]["field"] == "query.as_of" for r in responses)
