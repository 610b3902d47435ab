"""A message that is not a valid fact is parked on reporting's dead-letter topic; later facts still count."""

from __future__ import annotations

import uuid

import httpx
import pytest

from contracts.topics import dead_letter, facts
from tests.integration.reporting.facts import T0, case_opened, facts_recorded
from tests.support.bus import Publisher, read_topic
from tests.support.stack import Stack

pytestmark = pytest.mark.integration
TEAM = "wijkteam-haven"


async def park_then_count(stack: Stack, broken: bytes, timeout: float = 60) -> None:
    """Publish `broken` as a CaseOpened, then a valid one on the same partition; both must be dealt with."""
    await stack.start(["reporting"])
    opened = case_opened(uuid.uuid4(), TEAM)
    async with Publisher(stack.settings.kafka_bootstrap, time=T0) as bus:
        await bus.send(opened.topic, bus.envelope(type(opened), opened.subject, sequence=1), broken)
        await bus.publish(opened)  # same key, so the same partition as the broken message; also sequence 1
    await facts_recorded(stack, 1, timeout)

    parked = await read_topic(stack.settings.kafka_bootstrap, dead_letter("reporting"), 1, polls=120)
    async with httpx.AsyncClient(base_url=stack.url("reporting")) as client:
        team = (await client.get(f"/teams/{TEAM}")).json()
    assert len(parked) == 1 and parked[0].value == broken
    headers = {name: value.decode() for name, value in parked[0].headers}
    assert headers["x-dead-letter-reason"].startswith("invalid body")
    assert headers["x-original-topic"] == facts("intake")
    assert team["cases_opened"] == 1


async def test_a_body_that_breaks_the_contract_is_dead_lettered_and_later_facts_count(stack: Stack) -> None:
    await park_then_count(stack, b'{"household_id": "not-a-uuid", "team_id": 7}')


async def test_a_body_that_is_not_json_is_dead_lettered_and_later_facts_count(stack: Stack) -> None:
    await park_then_count(stack, b'{"household_id": "not json', timeout=30)
