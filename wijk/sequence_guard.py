"""Holds a fact whose `ce_sequence` jumps past anything its publisher can have published (ADR 0005).

Deduplication keeps the highest sequence applied per (source, epoch, topic, partition); both numbers come from the
sender. One fact with sequence 10^12 would make every later real fact on its partition look like a duplicate. So
before a fact is handled its sequence is compared with the highest position this consumer has applied from the
same source (any epoch, topic or partition: a publisher numbers all its facts from one outbox): a fact more than
`limit` past it is held (parked with kind `held`, an error in the log, the `wijk_dead_letters{kind="held"}`
count), not applied, and the dedupe position does not move, so the next real fact on the partition is applied.

The limit is a setting (`WIJK_SEQUENCE_JUMP_LIMIT`): larger than the number of outbox notifications a publisher can
write while this consumer is not reading, smaller than any stall worth worrying about. The known position is read
once per source from the service's tracking table (`know`), then kept up to date in memory: the check itself
(`check`) reads no store, so the inbox makes it in the worker thread that applies a batch, right before each fact.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import asyncpg

from wijk.delivery import Delivery

Known = Callable[[str], Awaitable[int]]


class SequenceGuard:
    def __init__(self, known: Known, limit: int) -> None:
        self.known, self.limit = known, limit
        self._highest: dict[str, int] = {}

    async def jump(self, delivery: Delivery) -> str | None:
        """Why the fact is held, or None when its sequence is plausible."""
        await self.know(delivery)
        return self.check(delivery)

    async def know(self, delivery: Delivery) -> None:
        """Read the highest position applied from the fact's publisher, once per source (before `check`)."""
        source = delivery.envelope.source
        if delivery.envelope.sequence is not None and source not in self._highest:
            self._highest[source] = await self.known(source)

    def check(self, delivery: Delivery) -> str | None:
        """`jump` without the store: the inbox calls it in the worker thread that applies a batch, message by
        message, after `know` read the publisher's position."""
        sequence, source = delivery.envelope.sequence, delivery.envelope.source
        if sequence is None:
            return None
        highest = self._highest[source]
        if sequence <= highest + self.limit:
            return None
        return (
            f"ce_sequence {sequence} jumps more than {self.limit} past the highest position applied from "
            f"{source} ({highest}): held, not applied, the partition moves on"
        )

    def applied(self, delivery: Delivery) -> None:
        sequence, source = delivery.envelope.sequence, delivery.envelope.source
        if sequence is not None and sequence > self._highest.get(source, 0):
            self._highest[source] = sequence


def tracked_positions(pool: asyncpg.Pool, schema: str, table: str) -> Known:
    """The highest position recorded in a service's eventsourcing tracking table for a source (0 when none)."""

    async def known(source: str) -> int:
        escaped = source.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        value = await pool.fetchval(
            f'SELECT max(notification_id) FROM "{schema}"."{table}" '
            "WHERE application_name LIKE $1 OR application_name LIKE $2",
            escaped + "|%",
            escaped + "#%",
        )
        return int(value or 0)

    return known
