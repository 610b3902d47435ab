"""A large event is written like any other, and a stuck writer cannot freeze the store for good (issue 18, #1).

On the branch point a 1 MB event hung for ever in psycopg's `Pipeline.sync()` while PostgreSQL waited in ClientRead,
holding the events table's EXCLUSIVE lock, so every later write of the service hung behind it.
"""

from __future__ import annotations

import asyncio
import time

import psycopg
import pytest
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import OperationalError

from wijk.db import create_pool
from wijk.eventstore import ServiceApplication
from wijk.settings import PlatformSettings

pytestmark = pytest.mark.integration
ONE_MB = 1_000_000


class Note(Aggregate):
    @event("Written")
    def __init__(self, text: str) -> None:
        self.text = text


class Notes(ServiceApplication):
    name = "large_notes"


async def test_a_one_megabyte_event_is_stored_and_the_next_write_follows(infra: PlatformSettings) -> None:
    app = await asyncio.to_thread(Notes, infra)
    try:
        large, small = Note("x" * ONE_MB), Note("a normal note")
        await asyncio.wait_for(asyncio.to_thread(app.save, large), timeout=30)
        await asyncio.wait_for(asyncio.to_thread(app.save, small), timeout=30)
        assert app.repository.get(large.id).text == "x" * ONE_MB
        assert app.repository.get(small.id).text == "a normal note"
    finally:
        await asyncio.to_thread(app.close)


async def test_a_write_blocked_by_a_held_lock_fails_instead_of_waiting_for_ever(
    infra: PlatformSettings,
) -> None:
    settings = infra.model_copy(update={"pg_lock_timeout_seconds": 1})
    app = await asyncio.to_thread(Notes, settings)
    try:
        await asyncio.to_thread(app.save, Note("the table exists"))
        with psycopg.connect(settings.pg_dsn()) as holder:
            holder.execute("LOCK TABLE large_notes.large_notes_events IN EXCLUSIVE MODE")
            started = time.monotonic()
            with pytest.raises(OperationalError, match="lock"):  # eventsourcing retries ten times, a second each
                await asyncio.wait_for(asyncio.to_thread(app.save, Note("waits for the lock")), timeout=40)
            assert time.monotonic() - started < 40
    finally:
        await asyncio.to_thread(app.close)


async def test_every_session_gets_the_timeouts(infra: PlatformSettings) -> None:
    expected = {"statement_timeout": "30s", "lock_timeout": "10s", "idle_in_transaction_session_timeout": "1min"}
    pool = await create_pool(infra)
    try:
        asyncpg_values = {name: await pool.fetchval(f"SHOW {name}") for name in expected}
    finally:
        await pool.close()
    with psycopg.connect(infra.pg_dsn()) as conn:
        psycopg_values = {name: conn.execute(f"SHOW {name}").fetchone()[0] for name in expected}  # type: ignore[index]
    assert asyncpg_values == expected
    assert psycopg_values == expected
