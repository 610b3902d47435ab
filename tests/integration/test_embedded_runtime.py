"""The embedded runtime: PostgreSQL from its wheel, the Tansu broker, and the process supervisor."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

import asyncpg
import psycopg
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from tooling.embedded_broker import EmbeddedBroker
from tooling.embedded_postgres import EmbeddedPostgres, PgEndpoint
from tooling.supervisor import Supervisor

pytestmark = pytest.mark.integration


def _alive(pid: int) -> bool:
    """Whether `pid` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


def _wait_until(predicate: object, timeout: float = 10.0) -> None:
    """Poll `predicate` until it is true or fail the test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_endpoint_parses_socket_uri() -> None:
    ep = PgEndpoint.from_uri("postgresql://postgres:@/postgres?host=/tmp/pg dir", "wijk")
    assert ep == PgEndpoint("/tmp/pg dir", 5432, "postgres", "", "wijk")
    assert ep.dsn() == "host='/tmp/pg dir' port='5432' user='postgres' dbname='wijk'"
    assert ep.env()["WIJK_PG_HOST"] == "/tmp/pg dir"


async def test_embedded_postgres_keeps_data_across_restarts(tmp_path: Path) -> None:
    pg = EmbeddedPostgres(tmp_path / "pgdata")
    pg2 = EmbeddedPostgres(tmp_path / "pgdata")
    try:
        ep = pg.start()
        assert ep.dbname == "wijk"
        assert Path(ep.host, f".s.PGSQL.{ep.port}").is_socket()
        with psycopg.connect(ep.dsn(), autocommit=True) as conn:
            assert conn.execute("SELECT current_database()").fetchone() == ("wijk",)
            conn.execute("CREATE TABLE kept (id int)")
            conn.execute("INSERT INTO kept VALUES (42)")
        conn2 = await asyncpg.connect(host=ep.host, port=ep.port, user=ep.user, database=ep.dbname)
        try:
            assert await conn2.fetchval("SELECT id FROM kept") == 42
        finally:
            await conn2.close()

        pg.stop()
        pg.stop()  # idempotent
        assert not (tmp_path / "pgdata" / "postmaster.pid").exists()
        version_mtime = (tmp_path / "pgdata" / "PG_VERSION").stat().st_mtime_ns

        ep2 = pg2.start()
        assert ep2 == ep
        assert (tmp_path / "pgdata" / "PG_VERSION").stat().st_mtime_ns == version_mtime  # no re-init
        with psycopg.connect(ep2.dsn()) as conn:
            assert conn.execute("SELECT id FROM kept").fetchone() == (42,)

        blocker = await asyncpg.connect(host=ep.host, port=ep.port, user=ep.user, database=ep.dbname)
        pg2.reset_database()  # terminates `blocker`
        with psycopg.connect(ep2.dsn()) as conn:
            assert conn.execute("SELECT to_regclass('kept')").fetchone() == (None,)
        assert blocker.is_closed() or not await _usable(blocker)
    finally:
        pg.stop()
        pg2.stop()
    assert not (tmp_path / "pgdata" / "postmaster.pid").exists()


async def _usable(conn: asyncpg.Connection) -> bool:
    """Whether a connection still answers a query."""
    try:
        await conn.fetchval("SELECT 1")
    except (asyncpg.PostgresError, asyncpg.InterfaceError, ConnectionError):
        return False
    return True


async def test_embedded_broker_round_trip_and_empty_restart(tmp_path: Path) -> None:
    broker = EmbeddedBroker(log_path=tmp_path / "broker.log")
    with broker:
        bootstrap = broker.bootstrap
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        try:
            await admin.create_topics([NewTopic("probe", num_partitions=1, replication_factor=1)])
        finally:
            await admin.close()
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
        await producer.start()
        try:
            await producer.send_and_wait("probe", b"hallo", key=b"k1")
        finally:
            await producer.stop()
        consumer = AIOKafkaConsumer("probe", bootstrap_servers=bootstrap, auto_offset_reset="earliest")
        await consumer.start()
        try:
            msg = await asyncio.wait_for(consumer.getone(), timeout=15)
        finally:
            await consumer.stop()
        assert (msg.key, msg.value) == (b"k1", b"hallo")

        assert broker.restart() == bootstrap
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        try:
            assert "probe" not in await admin.list_topics()
        finally:
            await admin.close()
    assert not broker.running
    broker.stop()  # idempotent


def test_broker_start_fails_clearly_when_port_is_taken(tmp_path: Path) -> None:
    with EmbeddedBroker(log_path=tmp_path / "a.log") as first:
        second = EmbeddedBroker(port=first.port, log_path=tmp_path / "b.log")
        with pytest.raises(RuntimeError, match=f"port {first.port} on 127.0.0.1 is taken"):
            second.start(timeout=3)
        assert not second.running


def test_supervisor_restarts_crashed_child_and_stops_all(tmp_path: Path) -> None:
    crash = "import sys, time; print('crashing', flush=True); time.sleep(0.2); sys.exit(1)"
    stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"
    sup = Supervisor(tmp_path / "logs", base_backoff=0.05)
    sup.add("crasher", [sys.executable, "-c", crash], dict(os.environ))
    sup.add("sleeper", [sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ))
    sup.add("stubborn", [sys.executable, "-c", stubborn], dict(os.environ))
    sup.start()
    try:
        first = sup.pids()["crasher"]
        _wait_until(lambda: sup.pids()["crasher"] != first)
        assert sup.status()["sleeper"] == "running"
        assert sup.status()["crasher"] in {"running", "restarting"}
        assert (tmp_path / "logs" / "crasher.log").read_text().count("crashing") >= 1
        pids = list(sup.pids().values())
    finally:
        started = time.monotonic()
        sup.stop(timeout=1)
    assert time.monotonic() - started < 5
    assert not any(_alive(pid) for pid in pids)
    assert set(sup.status().values()) == {"stopped"}
    sup.stop()  # idempotent


def test_supervisor_gives_up_after_too_many_restarts(tmp_path: Path) -> None:
    sup = Supervisor(tmp_path / "logs", max_restarts=2, base_backoff=0.01)
    sup.add("broken", [sys.executable, "-c", "raise SystemExit(1)"], dict(os.environ))
    with sup:
        _wait_until(lambda: sup.status()["broken"] == "failed")
        assert not _alive(sup.pids()["broken"])
