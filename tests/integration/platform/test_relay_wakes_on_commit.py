"""The relay publishes a commit at once instead of at its next poll: each hop no longer pays a poll interval."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any, ClassVar

import pytest
from eventsourcing.domain import Aggregate
from faststream.kafka import KafkaBroker

from contracts.events.base import IntegrationEvent
from wijk.db import create_pool
from wijk.eventstore import ServiceApplication
from wijk.relay import OutboxRelay
from wijk.settings import PlatformSettings

pytestmark = pytest.mark.integration
POLL = 60.0  # far longer than the test waits: only a wake-up can publish in time


class Thing(Aggregate):
    pass


class ThingNoted(IntegrationEvent):
    type: ClassVar[str] = "nl.wijkteam.test.thing-noted.v1"
    topic: ClassVar[str] = "nl.wijkteam.relay_probe.facts"
    thing: str

    @property
    def subject(self) -> str:
        return self.thing


def relay_probe() -> type[ServiceApplication]:
    """An application of its own for each run: its schema and outbox hold nothing of another test's."""
    return type("RelayProbe", (ServiceApplication,), {"name": f"relay_probe_{uuid.uuid4().hex[:8]}"})


def _translate(event: Any) -> ThingNoted:
    return ThingNoted(thing=str(event.originator_id))


async def _published_within(relay: OutboxRelay, app: ServiceApplication, seconds: float) -> bool:
    task = asyncio.create_task(relay.run())
    try:
        await asyncio.sleep(0.5)  # the relay has read the empty outbox and sleeps for its poll
        await asyncio.to_thread(app.save, Thing())
        deadline = asyncio.get_running_loop().time() + seconds
        while relay.published == 0 and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.02)
        return relay.published == 1
    finally:
        relay.stop()
        await asyncio.wait_for(task, 10)


@pytest.mark.parametrize("wake_on_commit", [True, False])
async def test_a_commit_wakes_the_relay_instead_of_waiting_for_its_poll(
    infra: PlatformSettings, wake_on_commit: bool
) -> None:
    app = await asyncio.to_thread(relay_probe(), infra)
    pool = await create_pool(infra)
    broker = KafkaBroker(infra.kafka_bootstrap)
    await broker.start()
    try:
        relay = OutboxRelay(
            app, _translate, broker, pool, topic=ThingNoted.topic, source="urn:nld:oin:1:systeem:relay_probe",
            bootstrap=infra.kafka_bootstrap, partitions=1, poll_seconds=POLL, wake_on_commit=wake_on_commit,
        )  # fmt: skip
        published = await _published_within(relay, app, seconds=3.0)
        assert published is wake_on_commit  # without the wake-up the fact waits for the 60 s poll
        assert app.on_recorded == []  # the relay unhooks itself when it stops
    finally:
        await broker.stop()
        await pool.close()
        await asyncio.to_thread(app.close)
