"""A clean run of the slice, once per session, to compare every faulty run against."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import settings_for
from tests.support.scenario import run_slice
from tests.support.stack import Stack
from tests.support.state import exact_state, normalised
from tooling.embedded_broker import EmbeddedBroker
from tooling.embedded_postgres import EmbeddedPostgres


@pytest.fixture(scope="session")
async def clean_run(postgres: EmbeddedPostgres, broker: EmbeddedBroker) -> dict[str, Counter[str]]:
    postgres.reset_database()
    broker.restart()
    stack = Stack(settings_for(postgres.endpoint, broker.bootstrap))
    try:
        await stack.start()
        await run_slice(stack)
        return normalised(await exact_state(stack.settings))
    finally:
        await stack.stop()
