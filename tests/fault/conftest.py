"""A clean run of the slice, once per session on a stack of its own, to compare every faulty run against.

Every fault test runs on a stack of its own too (`own_stack`): each kills the broker, a relay or consumers, and
compares every service's whole store with the clean run's."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import dismantle, isolated
from tests.support.identity import IdentityProvider
from tests.support.scenario import run_slice
from tests.support.state import exact_state, normalised
from tooling.embedded_postgres import EmbeddedPostgres


@pytest.fixture(scope="session")
async def clean_run(postgres: EmbeddedPostgres, identity: IdentityProvider) -> dict[str, Counter[str]]:
    stack, broker = await isolated(postgres, identity)
    try:
        await stack.start()
        await run_slice(stack)
        return normalised(await exact_state(stack.settings))
    finally:
        await dismantle(stack, broker, postgres)
