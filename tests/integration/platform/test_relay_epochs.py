"""After `wijk restore` begins a new epoch in a store, its relay republishes the restored history in the epoch each
notification was written in (same ce_id: consumers recognise it) and stamps what is written afterwards with the new
epoch (ADR 0005). Real PostgreSQL and broker, a probe application of its own."""

from __future__ import annotations

import asyncio

import psycopg
import pytest
from faststream.kafka import KafkaBroker

from contracts.envelope import event_id
from tests.integration.platform.test_relay_wakes_on_commit import Thing, ThingNoted, _translate, relay_probe
from tests.support.bus import headers_of, read_topic
from tests.support.stack import eventually
from wijk.db import create_pool
from wijk.epochs import begin_epoch
from wijk.relay import OutboxRelay
from wijk.settings import PlatformSettings

pytestmark = pytest.mark.integration
SOURCE = "urn:nld:oin:00000001003214345000:systeem:relay_probe"


async def test_a_restored_store_writes_its_new_facts_in_a_new_epoch(infra: PlatformSettings) -> None:
    app = await asyncio.to_thread(relay_probe(), infra)
    schema, topic = app.name, f"{ThingNoted.topic}.{app.name}"
    pool = await create_pool(infra)
    broker = KafkaBroker(infra.kafka_bootstrap)
    await broker.start()

    async def published(expected: int) -> list[dict[str, str]]:
        records = await eventually(lambda: read_topic(infra.kafka_bootstrap, topic), lambda r: len(r) >= expected)
        return [headers_of(r) for r in records]

    async def run_relay() -> None:
        relay = OutboxRelay(app, _translate, broker, pool, topic=topic, source=SOURCE,
                            bootstrap=infra.kafka_bootstrap, partitions=1, poll_seconds=0.1)  # fmt: skip
        task = asyncio.create_task(relay.run())
        await eventually(lambda: _true(relay.position), lambda p: p >= (app.recorder.max_notification_id() or 0))
        relay.stop()
        await asyncio.wait_for(task, 10)

    try:
        for _ in range(2):
            await asyncio.to_thread(app.save, Thing())
        await run_relay()
        history = await published(2)
        assert [h.get("ce_epoch") for h in history] == [None, None]  # the first generation: no header

        with psycopg.connect(infra.pg_dsn(), autocommit=True) as conn:  # what `wijk restore` does to each store
            epoch, first = begin_epoch(conn, schema, f"{schema}_events")
            conn.execute(f'DELETE FROM "{schema}".relay_position')  # a backup keeps no relay position
        assert first == 3
        await asyncio.to_thread(app.save, Thing())
        await run_relay()
        after = await published(5)
        by_position = sorted((h["ce_sequence"], h["ce_id"], h.get("ce_epoch")) for h in after)
        originals = sorted((h["ce_sequence"], h["ce_id"], None) for h in history)
        assert by_position[:4] == sorted(originals * 2)  # republished with their epoch and id: recognised as applied
        [new] = [h for h in after if h["ce_sequence"] == "3"]
        assert new["ce_epoch"] == epoch
        assert new["ce_id"] == event_id(SOURCE, 3, epoch) != event_id(SOURCE, 3)
    finally:
        await broker.stop()
        await pool.close()
        await asyncio.to_thread(app.close)


async def _true(value: int) -> int:
    return value
