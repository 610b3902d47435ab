"""The access log on PostgreSQL: append-only by the database itself, surviving a restart, queryable, and
written by group commit without losing a record when the database is briefly gone."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from tests.integration.identity.conftest import Scratch
from tooling.embedded_postgres import EmbeddedPostgres
from wijk.auth.access_log import AccessLog, AccessLogUnavailable, AccessRecord

pytestmark = pytest.mark.integration


async def connect(server: EmbeddedPostgres | Scratch) -> asyncpg.Pool:
    ep = server.endpoint
    return await asyncpg.create_pool(
        host=ep.host,
        port=ep.port,
        user=ep.user,
        password=ep.password or None,
        database=ep.dbname,
        min_size=1,
        max_size=2,
    )


@pytest.fixture
async def log(scratch: Scratch) -> AsyncIterator[AccessLog]:
    pool = await connect(scratch)
    access_log = AccessLog(pool, "planning")
    await access_log.setup()
    yield access_log
    await access_log.close()
    await pool.close()


def entry(household: str = "h-1", subject: str = "s-1", status: int = 200) -> AccessRecord:
    return AccessRecord("planning", "GET", "/plans/{plan_id}", status, subject, ["professional"], household=household)


@pytest.mark.parametrize(
    "statement",
    ["UPDATE planning.access_log SET subject = 'someone-else'", "DELETE FROM planning.access_log",
     "TRUNCATE planning.access_log"],
)  # fmt: skip
async def test_the_database_refuses_to_change_or_remove_a_record(log: AccessLog, statement: str) -> None:
    await log.record(entry())
    with pytest.raises(asyncpg.RaiseError, match="append-only"):
        await log.pool.execute(statement)
    assert [r["subject"] for r in await log.query()] == ["s-1"]


async def test_records_survive_a_restart_of_the_service_and_of_postgresql(tmp_path: Path) -> None:
    """A PostgreSQL server of its own: the test restarts it, which the session's shared server must not see."""
    postgres = EmbeddedPostgres(tmp_path / "pg", dbname="wijk_access")
    await asyncio.to_thread(postgres.start)
    pool = await connect(postgres)
    log = AccessLog(pool, "planning")
    await log.setup()
    await log.record(entry(household="h-kept"))
    await log.close()
    await pool.close()
    await asyncio.to_thread(postgres.stop)
    await asyncio.to_thread(postgres.start)
    pool = await connect(postgres)
    try:
        again = AccessLog(pool, "planning")
        await again.setup()  # idempotent on an existing table
        assert [r["household"] for r in await again.query(household="h-kept")] == ["h-kept"]
    finally:
        await pool.close()
        await asyncio.to_thread(postgres.stop)


async def test_queries_per_household_per_employee_and_both(log: AccessLog) -> None:
    for household, subject in [("h-1", "a"), ("h-1", "b"), ("h-2", "a"), ("h-3", "c")]:
        await log.record(entry(household, subject))
    assert sorted(r["subject"] for r in await log.query(household="h-1")) == ["a", "b"]
    assert sorted(r["household"] for r in await log.query(subject="a")) == ["h-1", "h-2"]
    assert [r["household"] for r in await log.query(household="h-1", subject="b")] == ["h-1"]
    assert len(await log.query(limit=2)) == 2


async def test_concurrent_records_share_writes(log: AccessLog) -> None:
    await asyncio.gather(*(log.record(entry(household=f"h-{n}")) for n in range(200)))
    assert log.written == 200
    assert log.writes < 50  # group commit: far fewer round trips than records
    assert len(await log.query(limit=1000)) == 200
    assert log.failures == 0


async def test_a_failed_write_is_reported_kept_and_written_later(log: AccessLog) -> None:
    pool = log.pool
    log.pool = await asyncpg.create_pool(host="127.0.0.1", port=1, min_size=0, max_size=1)  # nothing listens there
    log.retry_seconds = 0.05
    with pytest.raises(AccessLogUnavailable):
        await log.record(entry(household="h-late"))
    assert log.backlog == 1 and log.failures >= 1
    await log.pool.close()
    log.pool = pool  # the database is back: the next round writes the backlog
    await log.record(entry(household="h-next"))
    assert sorted(r["household"] for r in await log.query()) == ["h-late", "h-next"]
    assert log.backlog == 0
