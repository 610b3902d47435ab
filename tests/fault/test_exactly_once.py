"""Every fact is published at least once and applied exactly once, whatever the bus or the processes do."""

from __future__ import annotations

import asyncio

import pytest

from contracts.topics import FACT_TOPICS
from tests.support.bus import read_topic, redeliver
from tests.support.scenario import MELDINGEN, decide, open_cases, run_slice, until_care_started, with_debts
from tests.support.stack import Stack, eventually
from tests.support.state import differences, exact_state, normalised, settled

pytestmark = pytest.mark.fault


def processed(stack: Stack) -> dict[str, int]:
    return {name: runtime.inbox.processed for name, runtime in stack.runtimes.items() if runtime.inbox}


def expected_redeliveries(stack: Stack, by_type: dict[str, int]) -> dict[str, int]:
    return {
        name: sum(count for kind, count in by_type.items() if kind in runtime.inbox.handlers)
        for name, runtime in stack.runtimes.items()
        if runtime.inbox
    }


async def test_every_message_delivered_twice_changes_nothing(own_stack: Stack, clean_run) -> None:
    """A stack of its own: every message on every fact topic is delivered twice, and every store compared."""
    stack = await own_stack.start()
    await run_slice(stack)
    before = await settled(stack.settings)
    assert normalised(before) == clean_run
    handled = processed(stack)

    by_type = await redeliver(stack.settings.kafka_bootstrap, list(FACT_TOPICS))
    extra = expected_redeliveries(stack, by_type)
    await eventually(
        lambda: asyncio.sleep(0, processed(stack)),
        lambda now: all(now[name] >= handled[name] + extra[name] for name in now),
    )
    assert sum(extra.values()) > 20
    after = await settled(stack.settings)
    assert after == before, differences(before, after)


async def test_a_relay_killed_between_publishing_and_recording_its_position_loses_nothing(
    own_stack: Stack, clean_run
) -> None:
    """A stack of its own: intake's relay is killed and intake restarted."""
    stack = await own_stack.start()
    killed = asyncio.Event()

    async def crash_once() -> None:
        if not killed.is_set():
            killed.set()
            raise RuntimeError("relay killed after the broker acknowledged, before the position was recorded")

    stack["intake"].relay.after_publish = crash_once
    households = await open_cases(stack)
    await asyncio.wait_for(killed.wait(), 30)
    published = len(await read_topic(stack.settings.kafka_bootstrap, "nl.wijkteam.intake.facts"))
    await stack.stop(["intake"])  # the relay task died; restart the process as a supervisor would
    await stack.start(["intake"])
    await decide(stack, households)
    await until_care_started(stack, households, with_debts(households, MELDINGEN))
    await settled(stack.settings)

    republished = len(await read_topic(stack.settings.kafka_bootstrap, "nl.wijkteam.intake.facts"))
    assert published > 0 and republished > published - 1  # the unrecorded batch went out again: duplicates
    assert normalised(await exact_state(stack.settings)) == clean_run


async def test_consumers_restarted_mid_stream_end_in_the_clean_state(own_stack: Stack, clean_run) -> None:
    """A stack of its own: three consumers are stopped mid-stream and started again."""
    stack = await own_stack.start()
    households = await open_cases(stack)
    await decide(stack, households[:2])
    await stack.stop(["budget", "reporting", "care"])
    await decide(stack, households[2:])
    await asyncio.sleep(1)
    await stack.start(["budget", "reporting", "care"])
    await until_care_started(stack, households, with_debts(households, MELDINGEN))
    assert normalised(await settled(stack.settings)) == clean_run
