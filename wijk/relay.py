"""The outbox relay: publishes a service's notification log to its fact topic, in order, at least once.

The eventsourcing notification log is the outbox. The relay reads notifications after its recorded position,
translates each into a public integration event, publishes them keyed by household, waits for the broker's
acknowledgement and only then records its position. A crash in between yields duplicates, never a loss; the
deterministic CloudEvents id and `sequence` let consumers recognise them.

The bus is derivable: the relay remembers the highest offset it saw per partition. When the broker answers
with a lower offset (or the topic has vanished), the broker has lost its data, and the relay starts again from
the first notification.

Scale-out: every instance of a service runs this relay, and only the holder of the service's advisory lock
publishes (`wijk.relay_lock`); the others stand by and take over, from the recorded position, when it dies.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError
from eventsourcing.persistence import Notification
from faststream.kafka import KafkaBroker
from opentelemetry import propagate, trace

from contracts.envelope import CloudEventHeaders, event_id
from contracts.events.base import IntegrationEvent
from wijk.eventstore import ServiceApplication, stored_trace_context
from wijk.relay_lock import Leadership
from wijk.topics import ensure_topics

log = logging.getLogger(__name__)
Translator = Callable[[Any], IntegrationEvent | None]

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS "{schema}".relay_position (
    topic text PRIMARY KEY,
    position bigint NOT NULL,
    offsets jsonb NOT NULL DEFAULT '{{}}'::jsonb
)"""


class BrokerDataLost(Exception):
    """The broker answered with offsets below what this relay already published."""


class OutboxRelay:
    def __init__(
        self,
        app: ServiceApplication,
        translate: Translator,
        broker: KafkaBroker,
        pool: asyncpg.Pool,
        topic: str,
        source: str,
        bootstrap: str,
        partitions: int,
        batch_size: int = 500,
        poll_seconds: float = 0.2,
        check_seconds: float = 5.0,
        wake_on_commit: bool = True,
        standby_seconds: float = 1.0,
    ) -> None:
        self.app, self.translate, self.broker, self.pool = app, translate, broker, pool
        self.topic, self.source = topic, source
        self.bootstrap, self.partitions = bootstrap, partitions
        self.batch_size, self.poll_seconds, self.check_seconds = batch_size, poll_seconds, check_seconds
        self.wake_on_commit, self.standby_seconds = wake_on_commit, standby_seconds
        self.leadership = Leadership(pool, topic, getattr(app.recorder, "channel_name", None))
        self.position = 0
        self.offsets: dict[int, int] = {}
        self.published = 0
        self.after_publish: Callable[[], Awaitable[None]] | None = None
        """Test seam: awaited after the broker acknowledged a batch and before the position is recorded."""
        self._tracer = trace.get_tracer(__name__)
        self._schema = app.name
        self._stopping = asyncio.Event()
        self._woken = asyncio.Event()

    async def run(self) -> None:
        """Publish until `stop()` while this instance leads; stand by while another does.

        The position is always recorded after the broker's acknowledgement. The relay sleeps until a commit
        (`ServiceApplication.on_recorded` in this process, the events channel's NOTIFY from any instance) or
        `poll_seconds` pass.
        """
        loop = asyncio.get_running_loop()

        def wake() -> None:  # called in the thread that committed
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody is waiting any more
                loop.call_soon_threadsafe(self._woken.set)

        if self.wake_on_commit:
            self.app.on_recorded.append(wake)
        try:
            while not self._stopping.is_set():
                if await self._lead():
                    await self._load()  # where the previous leader got to
                    await self._publish_until_stopped(loop)
                else:
                    with contextlib.suppress(TimeoutError):  # another instance leads: try again later
                        await asyncio.wait_for(self._stopping.wait(), self.standby_seconds)
        finally:
            if self.wake_on_commit:
                self.app.on_recorded.remove(wake)
            await self.leadership.release()

    async def _lead(self) -> bool:
        try:
            return await self.leadership.try_acquire(on_notify=self._woken.set if self.wake_on_commit else None)
        except (OSError, asyncpg.PostgresError) as exc:
            log.warning("relay %s: store unavailable (%s); retrying", self.topic, exc)
            return False

    async def _publish_until_stopped(self, loop: asyncio.AbstractEventLoop) -> None:
        last_check = float("-inf")
        while not self._stopping.is_set():
            try:
                self._woken.clear()  # cleared before reading: a commit from now on wakes the next wait
                if await self.publish_pending():
                    continue
                now = loop.time()
                if now - last_check >= self.check_seconds:  # while idle: still leading? broker data lost?
                    last_check = now
                    if not await self.leadership.still_held():
                        return
                    await self.verify_broker()
                await self._sleep(self.poll_seconds)
            except BrokerDataLost as exc:
                log.warning("relay %s: %s; republishing from the first notification", self.topic, exc)
                await ensure_topics(self.bootstrap, [self.topic], self.partitions)
                await self._save(0, {})
            except KafkaError as exc:
                log.warning("relay %s: broker unavailable (%s); retrying", self.topic, exc)
                await asyncio.sleep(1)

    async def _sleep(self, seconds: float) -> None:
        """Until a commit, `stop()` or `seconds`, whichever comes first."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._woken.wait(), seconds)

    def stop(self) -> None:
        """Finish the batch in flight, then leave `run()` (aiokafka may swallow a task cancellation)."""
        self._stopping.set()
        self._woken.set()

    async def verify_broker(self) -> None:
        """Raise BrokerDataLost when the topic's end offsets are below what this relay saw acknowledged."""
        if not self.offsets:
            return
        consumer = AIOKafkaConsumer(bootstrap_servers=self.bootstrap, enable_auto_commit=False)
        await consumer.start()
        try:
            partitions = await consumer._client.fetch_all_metadata()  # fresh metadata, not a cached view
            known = partitions.partitions_for_topic(self.topic)
            if not known:
                raise BrokerDataLost(f"topic {self.topic} is gone")
            ends = await consumer.end_offsets([TopicPartition(self.topic, p) for p in known])
        finally:
            await consumer.stop()
        for partition in self.offsets:
            # A partition we published to is empty again: the broker lost its data. (Compared with 0, not with
            # our offset: Tansu reports the base offset of the last batch + 1 as the end, not the last offset + 1.)
            if ends.get(TopicPartition(self.topic, partition), 0) == 0:
                raise BrokerDataLost(
                    f"partition {partition} is empty although offset {self.offsets[partition]} was acked"
                )

    async def publish_pending(self) -> int:
        """Publish one batch after the recorded position; returns how many notifications it covered."""
        batch = await asyncio.to_thread(self.app.recorder.select_notifications, self.position + 1, self.batch_size)
        if not batch:
            return 0
        futures = [f for f in [await self._publish(n) for n in batch] if f is not None]
        offsets = dict(self.offsets)
        for metadata in await asyncio.gather(*futures):
            if metadata.offset <= self.offsets.get(metadata.partition, -1):
                raise BrokerDataLost(f"partition {metadata.partition} offset {metadata.offset} went back")
            offsets[metadata.partition] = max(offsets.get(metadata.partition, -1), metadata.offset)
        if self.after_publish is not None:
            await self.after_publish()
        await self._save(batch[-1].id, offsets)
        self.published += len(futures)
        return len(batch)

    async def _publish(self, notification: Notification) -> asyncio.Future[Any] | None:
        domain_event = self.app.fact_mapper.to_domain_event(notification)  # free text stays sealed
        fact = self.translate(domain_event)
        if fact is None:
            return None
        envelope = CloudEventHeaders(
            id=event_id(self.source, notification.id),
            source=self.source,
            type=fact.type,
            time=domain_event.timestamp,  # type: ignore[attr-defined]
            subject=fact.subject,
            sequence=notification.id,
        )
        parent = propagate.extract(stored_trace_context(notification.state))
        with self._tracer.start_as_current_span(f"relay {fact.type}", context=parent) as span:
            span.set_attribute("wijk.service", self.app.name)
            span.set_attribute("cloudevents.event_subject", fact.subject)  # the household: `wijk trace` finds it
            future: asyncio.Future[Any] = await self.broker.publish(
                fact.model_dump_json().encode(),
                self.topic,
                key=fact.subject.encode(),
                headers=envelope.to_kafka_headers(),
                no_confirm=True,
            )
        return future

    async def _load(self) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(_SCHEMA_SQL.format(schema=self._schema))
            row = await conn.fetchrow(
                f'SELECT position, offsets FROM "{self._schema}".relay_position WHERE topic=$1', self.topic
            )
        if row is not None:
            self.position = row["position"]
            self.offsets = {int(p): o for p, o in json.loads(row["offsets"]).items()}

    async def _save(self, position: int, offsets: dict[int, int]) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(
                f'INSERT INTO "{self._schema}".relay_position (topic, position, offsets) VALUES ($1, $2, $3) '
                "ON CONFLICT (topic) DO UPDATE SET position = EXCLUDED.position, offsets = EXCLUDED.offsets",
                self.topic,
                position,
                json.dumps(offsets),
            )
        self.position, self.offsets = position, offsets
