"""A scratch database of its own per identity test, on the session's PostgreSQL server: the guard's app and the
access log write to it, and nothing of the shared stack's database is touched."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from tests.support.infra import create_database, drop_database
from tooling.embedded_postgres import EmbeddedPostgres, PgEndpoint


@dataclass(frozen=True)
class Scratch:
    """What the tests need of a server: where its (scratch) database is."""

    endpoint: PgEndpoint


@pytest.fixture
async def scratch(postgres: EmbeddedPostgres) -> AsyncIterator[Scratch]:
    endpoint = await asyncio.to_thread(create_database, postgres.endpoint, f"wijk_identity_{uuid.uuid4().hex[:12]}")
    yield Scratch(endpoint)
    await asyncio.to_thread(drop_database, dataclasses.replace(endpoint))
