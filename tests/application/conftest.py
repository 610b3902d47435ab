"""The application tier's stores: POPO in memory by default; for the PostgreSQL subclasses a database of its own
on the session's PostgreSQL (never the shared stack's), whose schemas are dropped before each test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.application import fresh_schemas
from tests.support.infra import create_database, settings_for
from tooling.embedded_postgres import EmbeddedPostgres
from wijk.settings import PlatformSettings


@pytest.fixture(scope="session")
def application_database(postgres: EmbeddedPostgres) -> PlatformSettings:
    return settings_for(create_database(postgres.endpoint, "wijk_application"), "127.0.0.1:9")


@pytest.fixture
def on_postgres(application_database: PlatformSettings) -> Callable[..., PlatformSettings]:
    """Settings on the application tier's database, with the given schemas emptied first."""

    def fresh(*schemas: str) -> PlatformSettings:
        return fresh_schemas(application_database, *schemas)

    return fresh
