"""Exactly one outbox relay per service publishes at a time: the holder of a PostgreSQL advisory lock.

Every instance of a service runs a relay; each tries `pg_try_advisory_lock` on a key derived from its fact topic,
on a connection it keeps for as long as it leads. The others stand by and try again every `retry_seconds`. When
the leader's process dies (even `kill -9`), PostgreSQL ends its session and releases the lock, so a standby takes
over within a retry interval and continues from the position the leader recorded. A leader that loses its lock
connection stops publishing before it tries to lead again. Should two ever publish at once (a partition between a
leader and its database), consumers see duplicates, which they ignore: leadership keeps the bus tidy and the
relay cheap, the guarantees still come from the outbox and the inbox.

The lock connection also LISTENs on the service's events channel (eventsourcing NOTIFYs it on every insert), so the
leader wakes on commits made by any instance, not only its own.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

import asyncpg

log = logging.getLogger(__name__)


class Leadership:
    def __init__(self, pool: asyncpg.Pool, name: str, channel: str | None = None) -> None:
        self.pool, self.name, self.channel = pool, name, channel
        self._conn: Any = None
        self._on_notify: Callable[[], None] | None = None

    @property
    def held(self) -> bool:
        return self._conn is not None and not self._conn.is_closed()

    async def try_acquire(self, on_notify: Callable[[], None] | None = None) -> bool:
        """Lead if nobody does; True when this instance holds the lock (now or already)."""
        if self.held:
            return True
        await self.release()
        conn = await self._connect()
        try:
            got = await conn.fetchval("SELECT pg_try_advisory_lock(hashtext($1))", f"wijk-relay:{self.name}")
        except (OSError, asyncpg.PostgresError):
            await conn.close()
            raise
        if not got:
            await conn.close()
            return False
        self._conn = conn
        if self.channel and on_notify is not None:
            self._on_notify = on_notify
            await conn.add_listener(self.channel, self._notified)
        log.info("relay %s: leading (advisory lock held)", self.name)
        return True

    async def still_held(self) -> bool:
        """Check the lock connection: False (and the lock given up) when it broke."""
        if not self.held:
            return False
        try:
            await self._conn.fetchval("SELECT 1")
            return True
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
            log.warning("relay %s: lost its lock connection; standing by", self.name)
            await self.release()
            return False

    async def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        with contextlib.suppress(OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
            if not conn.is_closed():
                if self.channel:
                    await conn.remove_listener(self.channel, self._notified)
                await conn.fetchval("SELECT pg_advisory_unlock(hashtext($1))", f"wijk-relay:{self.name}")
        with contextlib.suppress(Exception):
            await conn.close()

    async def _connect(self) -> Any:
        """A connection of its own, outside the pool: a session lock must not lend the pool's connections out
        (a service with several relays would exhaust it), nor go back to the pool, which resets sessions."""
        return await asyncpg.connect(*self.pool._connect_args, **self.pool._connect_kwargs)

    def _notified(self, *_: Any) -> None:
        if self._on_notify is not None:
            self._on_notify()
