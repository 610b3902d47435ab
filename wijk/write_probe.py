"""Readiness that proves the store still takes writes, not only that it answers `SELECT 1`.

A write stuck in the event store holds the events table's EXCLUSIVE lock; reads still work, so `SELECT 1` saw
nothing wrong while every command of the service waited for ever. The probe takes the lock every insert needs
(ROW EXCLUSIVE: it waits only for an EXCLUSIVE holder, never for other writers) and writes a heartbeat row, all
within a short lock and statement timeout, and commits.
"""

from __future__ import annotations

import contextlib

import asyncpg

from wijk.db import create_schema_sql

HEARTBEAT = """
CREATE TABLE IF NOT EXISTS "{schema}".write_probe (
    service text PRIMARY KEY,
    checked_at timestamptz NOT NULL
)
"""
BEAT = """
INSERT INTO "{schema}".write_probe (service, checked_at) VALUES ($1, now())
ON CONFLICT (service) DO UPDATE SET checked_at = EXCLUDED.checked_at
"""


async def prepare(pool: asyncpg.Pool, service: str) -> None:
    """Create the service's schema and its heartbeat table (idempotent; at start, before the first probe)."""
    async with pool.acquire() as conn:
        with contextlib.suppress(asyncpg.UniqueViolationError):  # two replicas creating them at once
            await conn.execute(create_schema_sql(service))
            await conn.execute(HEARTBEAT.format(schema=service))


async def can_write(pool: asyncpg.Pool, service: str, locked_table: str | None, timeout: float = 2.0) -> bool:
    """True when a write would go through now: the table's write lock is free and a heartbeat row commits."""
    milliseconds = int(timeout * 1000)
    try:
        async with pool.acquire(timeout=timeout) as conn, conn.transaction():
            await conn.execute(f"SET LOCAL lock_timeout = {milliseconds}")
            await conn.execute(f"SET LOCAL statement_timeout = {milliseconds}")
            if locked_table is not None:
                await conn.execute(f"LOCK TABLE {locked_table} IN ROW EXCLUSIVE MODE")
            await conn.execute(BEAT.format(schema=service), service)
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
        return False
    return True
