"""A message that is not a valid fact is parked on reporting's dead-letter topic; later facts still count."""

from __future__ import annotations

import uuid

import pytest

from contracts.topics import dead_letter, facts
from tests.integration.reporting.facts import case_opened, moment, rows_of
from tests.integration.reporting.year import a_year
from tests.support.bus import Publisher, read_topic
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
TEAM = "wijkteam-haven"


async def park_then_count(stack: Stack, broken: bytes, timeout: float = 60) -> None:
    """Publish `broken` as a CaseOpened, then a valid one on the same partition; both must be dealt with."""
    year, household = a_year(), uuid.uuid4()
    opened = case_opened(household, TEAM, year)
    async with Publisher(stack.settings.kafka_bootstrap, time=moment(year)) as bus:
        await bus.send(opened.topic, bus.envelope(type(opened), opened.subject, sequence=1), broken)
        await bus.publish(opened)  # same key, so the same partition as the broken message; also sequence 1
    recorded = await eventually(lambda: rows_of(stack, household), bool, timeout)

    parked = await read_topic(stack.settings.kafka_bootstrap, dead_letter("reporting"), 1, polls=120, of=[household])
    assert len(parked) == 1 and parked[0].value == broken
    headers = {name: value.decode() for name, value in parked[0].headers}
    assert headers["x-dead-letter-reason"].startswith("invalid body")
    assert headers["x-original-topic"] == facts("intake")
    assert recorded == {opened.type: 1}


async def test_a_body_that_breaks_the_contract_is_dead_lettered_and_later_facts_count(reporting_stack: Stack) -> None:
    await park_then_count(reporting_stack, b'{"household_id": "not-a-uuid", "team_id": 7}')


async def test_a_body_that_is_not_json_is_dead_lettered_and_later_facts_count(reporting_stack: Stack) -> None:
    await park_then_count(reporting_stack, b'{"household_id": "not json', timeout=30)
