"""The inbox: a fact delivered again (same ce_id) or re-read after a restart is recorded and counted once."""

from __future__ import annotations

import uuid

import pytest

from tests.integration.reporting.facts import case_opened, fact_count, facts_recorded, funds_reserved, moment, rows_of
from tests.integration.reporting.year import a_year
from tests.support.bus import Publisher
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
TEAM = "wijkteam-haven"


async def test_the_same_fact_published_twice_is_counted_once(reporting_stack: Stack) -> None:
    stack, year = reporting_stack, a_year()
    household, decision = uuid.uuid4(), uuid.uuid4()
    opened, reserved = case_opened(household, TEAM, year), funds_reserved(household, TEAM, 40_000, decision, year)
    once = {opened.type: str(uuid.uuid4()), reserved.type: str(uuid.uuid4())}  # each fact's one ce_id
    inbox = stack["reporting"].inbox
    assert inbox is not None
    handled = inbox.processed
    async with Publisher(stack.settings.kafka_bootstrap, time=moment(year)) as bus:
        for _ in range(2):
            await bus.publish(opened, event_id=once[opened.type])
            await bus.publish(reserved, event_id=once[reserved.type])

    async def processed() -> int:
        return inbox.processed

    await eventually(processed, lambda calls: calls >= handled + 4, timeout=60)  # nothing else feeds this stack

    async with stack.client("reporting") as client:
        team = (await client.get(f"/teams/{TEAM}", params={"year": year})).json()
    assert await rows_of(stack, household) == {opened.type: 1, reserved.type: 1}
    assert team["cases_opened"] == 1 and team["funds_reserved_cents"] == 40_000


async def test_a_restarted_reporting_keeps_its_figures_and_counts_nothing_twice(own_stack: Stack) -> None:
    """A stack of its own: it stops and starts reporting, and counts every fact reporting holds."""
    stack, year = await own_stack.start(["reporting"]), a_year()
    async with Publisher(stack.settings.kafka_bootstrap, time=moment(year)) as bus:
        await bus.publish(case_opened(uuid.uuid4(), TEAM, year))
        await bus.publish(case_opened(uuid.uuid4(), TEAM, year))
        await facts_recorded(stack, 2, before=0)
        await stack.stop(["reporting"])
        await stack.start(["reporting"])  # the schema is created again (idempotent), the topics re-read
        await bus.publish(case_opened(uuid.uuid4(), TEAM, year))
        await facts_recorded(stack, 3, before=0)

    async with stack.client("reporting") as client:
        team = (await client.get(f"/teams/{TEAM}")).json()
    assert team["cases_opened"] == 3 and await fact_count(stack) == 3
