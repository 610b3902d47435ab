"""Two instances of a service, one store: exactly one relay publishes; when it dies, the other takes over where it
left off, and wakes on commits made by either instance."""

from __future__ import annotations

import asyncio

import pytest
from faststream.kafka import KafkaBroker

from tests.integration.platform.test_relay_wakes_on_commit import Thing, _translate, relay_probe
from tests.support.bus import read_topic
from tests.support.stack import eventually
from wijk.db import create_pool
from wijk.eventstore import ServiceApplication
from wijk.relay import OutboxRelay
from wijk.settings import PlatformSettings

pytestmark = pytest.mark.integration
POLL = 60.0  # only a wake-up (this process's commit or the events channel's NOTIFY) publishes in time


class Instance:
    """One instance of the service: its application, pool, broker and relay."""

    async def start(self, settings: PlatformSettings, probe: type[ServiceApplication], topic: str) -> Instance:
        self.app = await asyncio.to_thread(probe, settings)
        self.pool = await create_pool(settings)
        self.broker = KafkaBroker(settings.kafka_bootstrap)
        await self.broker.start()
        self.relay = OutboxRelay(
            self.app, _translate, self.broker, self.pool, topic=topic,
            source="urn:nld:oin:1:systeem:relay_probe", bootstrap=settings.kafka_bootstrap, partitions=1,
            poll_seconds=POLL, standby_seconds=0.2,
        )  # fmt: skip
        self.task = asyncio.create_task(self.relay.run())
        return self

    async def die(self) -> None:
        """As `kill -9` would: the session ends under the relay, nothing is handed over."""
        self.relay.leadership._conn.terminate()
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)
        await self.close()

    async def close(self) -> None:
        self.relay.stop()
        await asyncio.gather(self.task, return_exceptions=True)
        await self.broker.stop()
        await self.pool.close()
        await asyncio.to_thread(self.app.close)


async def total(*instances: Instance) -> int:
    return sum(i.relay.published for i in instances)


async def test_one_relay_leads_and_a_standby_takes_over_when_it_dies(infra: PlatformSettings) -> None:
    probe = relay_probe()  # both instances are the same service: one schema, one outbox, one advisory lock
    topic = f"nl.wijkteam.{probe.name}.facts"
    first = await Instance().start(infra, probe, topic)
    await eventually(lambda: asyncio.sleep(0, first.relay.leadership.held), bool, timeout=10)
    second = await Instance().start(infra, probe, topic)
    try:
        await asyncio.sleep(1.0)  # several standby rounds
        assert first.relay.leadership.held and not second.relay.leadership.held

        await asyncio.to_thread(second.app.save, Thing())  # written by the standby: the leader hears the NOTIFY
        await eventually(lambda: total(first, second), lambda n: n == 1, timeout=5)
        assert (first.relay.published, second.relay.published) == (1, 0)

        await first.die()
        await eventually(lambda: asyncio.sleep(0, second.relay.leadership.held), bool, timeout=10)
        await asyncio.to_thread(second.app.save, Thing())
        await eventually(lambda: total(second), lambda n: n >= 1, timeout=10)
    finally:
        await second.close()
    found = await read_topic(infra.kafka_bootstrap, topic, expected=2)
    assert second.relay.published == 1, "the new leader went on from the recorded position, not from the start"
    assert sorted(dict(r.headers)["ce_sequence"] for r in found) == [b"1", b"2"]  # one each, over partitions
