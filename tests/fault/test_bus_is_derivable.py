"""The stores are the record: an empty broker is refilled by the relays and every service ends as it was."""

from __future__ import annotations

import asyncio

import pytest

from contracts.topics import FACT_TOPICS, facts
from tests.support.bus import read_topic
from tests.support.scenario import run_slice
from tests.support.stack import Stack, eventually
from tests.support.state import connect, differences, exact_state, settled
from tooling.pg_roles import provision

pytestmark = pytest.mark.fault


async def topic_sizes(bootstrap: str) -> dict[str, int]:
    return {topic: len(await read_topic(bootstrap, topic)) for topic in FACT_TOPICS}


async def test_an_empty_broker_is_refilled_from_the_stores_and_reporting_rebuilt(own_stack: Stack) -> None:
    """A stack of its own: the broker is restarted empty, and every store is compared with what it held before."""
    stack, broker = await own_stack.start(), own_stack.broker
    assert broker is not None
    await run_slice(stack)
    before = await settled(stack.settings)
    sizes = await topic_sizes(stack.settings.kafka_bootstrap)
    quiet = {facts("iwmo")}  # the gateway publishes only what a provider sends in XML, which the slice does not
    assert all(size for topic, size in sizes.items() if topic not in quiet), sizes

    await stack.stop(["reporting"])
    conn = await connect(stack.settings)
    await conn.execute("DROP SCHEMA reporting CASCADE")  # reporting must rebuild from the bus alone
    await conn.close()
    # its role may not create schemas: the operator provisions the empty one again, as after any such repair
    await asyncio.to_thread(provision, stack.settings.pg_dsn(), {"reporting": None})
    await asyncio.to_thread(broker.restart)  # Tansu keeps nothing: the bus is gone, the other services run on

    await stack.start(["reporting"])
    refilled = await eventually(
        lambda: topic_sizes(stack.settings.kafka_bootstrap), lambda now: now == sizes, timeout=90
    )
    assert refilled == sizes
    after = await eventually(
        lambda: exact_state(stack.settings), lambda now: len(now["reporting"]) >= len(before["reporting"]), timeout=90
    )
    assert after == before, differences(before, after)
