"""One stack of its own for the law cycle's tests on the real broker and PostgreSQL: all seven services with the
identity provider's issuer set (the session's shared stack has none, so the cycle's routes, each behind
`require(...)`, answer 401 there) on a simulated calendar (terms pass, are suspended and extended within a test).
The tests of this package share it and keep apart by their own households; the calendar only moves forward."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import date

import pytest

from kernel.clock import SIMULATED_CLOCK_ENV, set_clock
from tests.conftest import dismantle, isolated
from tests.integration.lawcycle.cycle import START, Cycle
from tests.support.identity import IdentityProvider
from tooling.embedded_postgres import EmbeddedPostgres


@pytest.fixture(scope="package")
async def cycle(
    postgres: EmbeddedPostgres, identity: IdentityProvider, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Cycle]:
    """A stack of its own: an issuer set, and a simulated calendar that moves every in-process service at once."""
    path = tmp_path_factory.mktemp("cycle-calendar") / "clock.json"
    set_clock(path, START)
    before = os.environ.get(SIMULATED_CLOCK_ENV)
    os.environ[SIMULATED_CLOCK_ENV] = str(path)
    stack, server = await isolated(postgres, identity)
    try:
        await stack.start()
        yield Cycle(stack, identity, path)
    finally:
        await dismantle(stack, server, postgres)
        if before is None:
            os.environ.pop(SIMULATED_CLOCK_ENV, None)
        else:
            os.environ[SIMULATED_CLOCK_ENV] = before


@pytest.fixture
def day(cycle: Cycle) -> date:
    """The calendar's day when the test starts (each test moves it only forward)."""
    return cycle.today()
