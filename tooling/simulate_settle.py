"""When the bus is quiet: every relay has published its whole outbox and every consumer has handled all of it.

The simulated calendar moves to the next day only then, so each fact a service handles is stamped with the day its
cause happened, whatever the timing: that is what makes a seeded year reproducible.

- A relay is caught up when its recorded position (`<service>.relay_position`) is the newest notification of its
  store. Its recorded offsets (acknowledged by the broker) give each partition's true end. (The broker's
  ListOffsets cannot be used: Tansu reports the base offset of the last batch + 1 as the end.)
- A consumer group is caught up when its committed offset reached that end on every partition of every topic it
  consumes (`CONSUMERS`); the inbox commits after the effect is stored. Partner signals: the simulator notes the
  offsets of what it sent (`note_sent`).
- The relays are read again at the end: nothing published in between, so nothing is still on its way.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition

from contracts.topics import FACT_TOPICS, PUBLISHING_SERVICES, facts, is_partner_signals
from wijk.settings import PlatformSettings

PUBLISHERS = PUBLISHING_SERVICES
CONSUMERS: dict[str, tuple[str, ...]] = {
    "intake": (facts("planning"), facts("backoffice")),
    "planning": (facts("intake"), facts("budget"), facts("backoffice"), facts("care"), facts("iwmo")),
    "budget": (facts("intake"), facts("planning"), facts("backoffice"), facts("care"), facts("iwmo")),
    "backoffice": (facts("planning"), facts("budget"), facts("care"), facts("iwmo")),
    "care": (facts("backoffice"),),
    "debt": (facts("intake"), facts("backoffice")),
    "iwmo": (facts("backoffice"), facts("planning")),
    "reporting": FACT_TOPICS,
}
"""Which consumer group reads which facts topics (the `inbox.on` registrations in services/*/main.py). The wiring test
(`tests/application/test_wiring.py`) and the simulated-calendar test check it against the real wiring."""
PARTNER_GROUP = "intake-partners"
"""Intake's partner inbox: it reads every registered partner's own signal topic (partners.json), so its topics
are the municipality's; the bus watch waits for it on the signal topics the simulator wrote to."""

Ends = dict[str, dict[int, int]]


class BusNotSettled(RuntimeError):
    """The bus did not go quiet in time."""


class BusWatch:
    def __init__(self, settings: PlatformSettings) -> None:
        self.settings = settings
        self.sent: Ends = {}
        self._groups: dict[str, AIOKafkaConsumer] = {}
        self._pool: asyncpg.Pool | None = None

    def note_sent(self, topic: str, partition: int, offset: int) -> None:
        """A message the simulator itself published (a partner signal)."""
        ends = self.sent.setdefault(topic, {})
        ends[partition] = max(ends.get(partition, 0), offset + 1)

    async def wait(self, timeout: float = 120, interval: float = 0.05) -> None:
        deadline = time.monotonic() + timeout
        while not await self.settled():
            if time.monotonic() > deadline:
                raise BusNotSettled(f"the bus was still busy after {timeout:.0f}s")
            await asyncio.sleep(interval)

    async def settled(self) -> bool:
        before = await self._relays()
        if before is None:
            return False
        ends = {**before, **self.sent}
        signals = tuple(t for t in self.sent if is_partner_signals(t))
        for group, topics in {**CONSUMERS, PARTNER_GROUP: signals}.items():
            wanted = {TopicPartition(t, p): end for t in topics for p, end in ends.get(t, {}).items()}
            if wanted and not await self._caught_up(group, wanted):
                return False
        return await self._relays() == before

    async def _relays(self) -> Ends | None:
        """Each fact topic's end per partition, or None while a relay still has notifications to publish."""
        pool = await self._db()
        ends: Ends = {}
        async with pool.acquire() as conn:
            for service in PUBLISHERS:
                newest = await conn.fetchval(f'SELECT max(notification_id) FROM "{service}"."{service}_events"')
                row = await conn.fetchrow(
                    f'SELECT position, offsets FROM "{service}".relay_position WHERE topic = $1', facts(service)
                )
                if newest and (row is None or row["position"] < newest):
                    return None
                offsets: dict[str, int] = json.loads(row["offsets"]) if row else {}
                ends[facts(service)] = {int(p): o + 1 for p, o in offsets.items()}
        return ends

    async def _caught_up(self, group: str, wanted: dict[TopicPartition, int]) -> bool:
        consumer = await self._group(group)
        committed: dict[TopicPartition, Any] = await consumer._coordinator.fetch_committed_offsets(set(wanted))
        return all(_offset(committed.get(tp)) >= end for tp, end in wanted.items())

    async def _group(self, group: str) -> AIOKafkaConsumer:
        """A reader of the group's committed offsets: it never joins the group nor commits."""
        if group not in self._groups:
            consumer = AIOKafkaConsumer(
                bootstrap_servers=self.settings.kafka_bootstrap, group_id=group, enable_auto_commit=False
            )
            await consumer.start()
            self._groups[group] = consumer
        return self._groups[group]

    async def _db(self) -> asyncpg.Pool:
        if self._pool is None:
            s = self.settings
            self._pool = await asyncpg.create_pool(
                host=s.pg_host, port=s.pg_port, user=s.pg_user, password=s.pg_password or None,
                database=s.pg_dbname, min_size=1, max_size=2,
            )  # fmt: skip
        return self._pool

    async def close(self) -> None:
        for consumer in self._groups.values():
            await consumer.stop()
        self._groups.clear()
        if self._pool is not None:
            await self._pool.close()
            self._pool = None


def _offset(committed: Any) -> int:
    """A committed offset; 0 when the group never committed on the partition."""
    return int(committed.offset) if committed is not None and committed.offset >= 0 else 0
