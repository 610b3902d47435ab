"""The inbox: a fact delivered again (same ce_id) or re-read after a restart is recorded and counted once."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.integration.reporting.facts import T0, case_opened, facts_recorded, funds_reserved
from tests.support.bus import Publisher
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
TEAM = "wijkteam-haven"


async def test_the_same_fact_published_twice_is_counted_once(stack: Stack) -> None:
    await stack.start(["reporting"])
    household, decision = uuid.uuid4(), uuid.uuid4()
    opened, reserved = case_opened(household, TEAM), funds_reserved(household, TEAM, 40_000, decision)
    async with Publisher(stack.settings.kafka_bootstrap, time=T0) as bus:
        for _ in range(2):
            await bus.publish(opened, event_id="case-opened-once")
            await bus.publish(reserved, event_id="funds-reserved-once")
    inbox = stack["reporting"].inbox
    assert inbox is not None

    async def handled() -> int:
        return inbox.processed

    await eventually(handled, lambda calls: calls >= 4, timeout=60)

    async with httpx.AsyncClient(base_url=stack.url("reporting")) as client:
        count = (await client.get("/facts/count")).json()
        team = (await client.get(f"/teams/{TEAM}")).json()
    assert count == {
        "facts": 2,
        "by_type": {opened.type: 1, reserved.type: 1},
    }
    assert team["cases_opened"] == 1 and team["funds_reserved_cents"] == 40_000


async def test_a_restarted_reporting_keeps_its_figures_and_counts_nothing_twice(stack: Stack) -> None:
    await stack.start(["reporting"])
    async with Publisher(stack.settings.kafka_bootstrap, time=T0) as bus:
        await bus.publish(case_opened(uuid.uuid4(), TEAM))
        await bus.publish(case_opened(uuid.uuid4(), TEAM))
        await facts_recorded(stack, 2)
        await stack.stop(["reporting"])
        await stack.start(["reporting"])  # the schema is created again (idempotent), the topics re-read
        await bus.publish(case_opened(uuid.uuid4(), TEAM))
        await facts_recorded(stack, 3)

    async with httpx.AsyncClient(base_url=stack.url("reporting")) as client:
        team = (await client.get(f"/teams/{TEAM}")).json()
        count = (await client.get("/facts/count")).json()
    assert team["cases_opened"] == 3 and count["facts"] == 3
