"""A fact that meets reporting's table locked (a rebuild) past the lock timeout is redelivered, not dead-lettered:
the timeouts that keep a stuck writer from freezing a service must not turn a busy store into a lost fact."""

from __future__ import annotations

import asyncio
import uuid

import psycopg
import pytest

from contracts.topics import dead_letter
from tests.integration.reporting.facts import case_opened, facts_recorded, moment
from tests.support.bus import Publisher, read_topic
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


async def test_a_fact_blocked_by_a_held_lock_is_recorded_once_the_lock_is_gone(own_stack: Stack) -> None:
    """A stack of its own: reporting runs with a one-second lock timeout, and the test locks its fact table, which
    would stall the shared reporting stack for every other test."""
    own_stack.settings = own_stack.settings.model_copy(update={"pg_lock_timeout_seconds": 1})
    stack = await own_stack.start(["reporting"])
    with psycopg.connect(stack.settings.pg_dsn()) as holder:
        holder.execute("LOCK TABLE reporting.fact IN EXCLUSIVE MODE")  # as a rebuild does
        async with Publisher(stack.settings.kafka_bootstrap, time=moment(2025)) as bus:
            await bus.publish(case_opened(uuid.uuid4(), "wijkteam-haven", 2025))
        await asyncio.sleep(4)  # several lock timeouts pass while the table is held
    await facts_recorded(stack, 1, before=0)
    assert await read_topic(stack.settings.kafka_bootstrap, dead_letter("reporting")) == []
