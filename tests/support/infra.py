"""The session's infrastructure as tests use it: databases on the one PostgreSQL server, settings that point at
a database and a broker, and brokers of their own for the few stacks that need one."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import psycopg
from psycopg import sql

from tooling.embedded_postgres import PgEndpoint
from wijk.settings import PlatformSettings

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TEST_SESSION_TIMEOUT_MS = 2_000
"""A consumer group join on the embedded broker waits half the session timeout: 1 s instead of 5 s per start."""
TEST_FETCH_WAIT_MS = 100
"""Tests wait on chains of hops, each of which the embedded broker may hold this long when idle (default 500)."""


def create_database(endpoint: PgEndpoint, name: str) -> PgEndpoint:
    """A new, empty database on the same server (an old one of that name is dropped first)."""
    admin = dataclasses.replace(endpoint, dbname="postgres").dsn()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return dataclasses.replace(endpoint, dbname=name)


def drop_database(endpoint: PgEndpoint) -> None:
    admin = dataclasses.replace(endpoint, dbname="postgres").dsn()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(endpoint.dbname)))


def settings_for(endpoint: PgEndpoint, bootstrap: str, **overrides: object) -> PlatformSettings:
    """Settings for services on this database and broker (periodic term checks wait for the test to ask: the
    session sets WIJK_INTAKE_TERM_CHECK_SECONDS and WIJK_DEBT_TERM_CHECK_SECONDS, tests/conftest.py)."""
    fields: dict[str, object] = {
        "kafka_bootstrap": bootstrap,
        "pg_host": endpoint.host,
        "pg_port": endpoint.port,
        "pg_user": endpoint.user,
        "pg_password": endpoint.password,
        "pg_dbname": endpoint.dbname,
        "relay_poll_seconds": 0.25,  # a fallback: every relay wakes on its own commit; partner outcomes poll
        "topic_partitions": 4,
        "consumer_session_timeout_ms": TEST_SESSION_TIMEOUT_MS,
        "consumer_fetch_wait_ms": TEST_FETCH_WAIT_MS,
    }
    return PlatformSettings(**{**fields, **overrides})  # type: ignore[arg-type]


def artifact(name: str) -> Path:
    """A file under test-artifacts/ for this pytest process: with `-n` each worker (gw0, gw1, ...) writes its own
    broker and provider logs (`tansu-gw1.log`), never into another's."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    path = Path(name)
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / (f"{path.stem}-{worker}{path.suffix}" if worker else name)
