"""A fact that meets reporting's table locked (a rebuild) past the lock timeout is redelivered, not dead-lettered:
the timeouts that keep a stuck writer from freezing a service must not turn a busy store into a lost fact."""

from __future__ import annotations

import asyncio
import uuid

import psycopg
import pytest

from contracts.topics import dead_letter
from tests.integration.reporting.facts import T0, case_opened, facts_recorded
from tests.support.bus import Publisher, read_topic
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


async def test_a_fact_blocked_by_a_held_lock_is_recorded_once_the_lock_is_gone(stack: Stack) -> None:
    stack.settings = stack.settings.model_copy(update={"pg_lock_timeout_seconds": 1})
    await stack.start(["reporting"])
    with psycopg.connect(stack.settings.pg_dsn()) as holder:
        holder.execute("LOCK TABLE reporting.fact IN EXCLUSIVE MODE")  # as a rebuild does
        async with Publisher(stack.settings.kafka_bootstrap, time=T0) as bus:
            await bus.publish(case_opened(uuid.uuid4(), "wijkteam-haven"))
        await asyncio.sleep(4)  # several lock timeouts pass while the table is held
    await facts_recorded(stack, 1)
    assert await read_topic(stack.settings.kafka_bootstrap, dead_letter("reporting")) == []
