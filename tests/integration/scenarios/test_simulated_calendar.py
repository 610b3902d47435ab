"""A year on the simulated calendar, through the real APIs and bus, twice from a clean stack: the same seed gives the
same council figures, whatever the timing; the year has its missed terms, its care, its close and its carry-over."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import dismantle, isolated
from tests.support.clock import SimClock
from tests.support.identity import IdentityProvider
from tooling.embedded_postgres import EmbeddedPostgres
from tooling.simulate_scenario import Municipality
from tooling.simulate_settle import CONSUMERS, BusWatch
from tooling.simulate_year import simulate_year

pytestmark = pytest.mark.integration
YEAR, HOUSEHOLDS, SEED = 2027, 8, 2026


async def one_year(
    postgres: EmbeddedPostgres, identity: IdentityProvider, clock: SimClock, municipality: Municipality
) -> dict[str, Any]:
    """A stack of its own (an empty database and broker, another municipality, the simulated calendar), each run."""
    clock.set(date(YEAR, 1, 2))
    stack, server = await isolated(postgres, identity, municipality_config=municipality.setting)
    settings = stack.settings
    watch = BusWatch(settings)
    try:
        await stack.start()
        wired = {name: set(r.inbox.topics()) for name, r in stack.runtimes.items() if r.inbox and r.inbox.handlers}
        assert wired == {name: set(CONSUMERS[name]) for name in wired}, "the bus watch knows what each group reads"
        urls = {name: stack.url(name) for name in stack.runtimes}
        return await simulate_year(
            urls,
            settings.kafka_bootstrap,
            watch,
            clock.path,
            municipality,
            HOUSEHOLDS,
            SEED,
            YEAR,
            stack.every_service(),
            say=lambda _: None,
        )
    finally:
        await watch.close()
        await dismantle(stack, server, postgres)


@pytest.mark.timeout(900)
async def test_the_same_seed_plays_the_same_year_on_the_simulated_calendar(
    postgres: EmbeddedPostgres, identity: IdentityProvider, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    almere, clock = Municipality.load("almere"), SimClock(tmp_path / "clock.json", monkeypatch)
    first = await one_year(postgres, identity, clock, almere)
    second = await one_year(postgres, identity, clock, almere)

    assert (first["summary"], first["teams"]) == (second["summary"], second["teams"])
    assert first["simulated"] == second["simulated"] and first["year_end"] == second["year_end"]
    summary, done = first["summary"], first["simulated"]
    assert summary["care_started"] >= 1 and summary["funds_refused"] == 0
    assert done["statutory terms missed (intake)"] >= 1, "a late decision misses the investigation term"
    year_end = first["year_end"]
    assert year_end["closed_on"].startswith(f"{YEAR + 1}-01") and year_end["balanced"]
    out = sum(line["carried_over_cents"] for line in summary["budget"] if line["year"] == YEAR)
    into = sum(line["carried_in_cents"] for line in summary["budget"] if line["year"] == YEAR + 1)
    assert year_end["carried_over_cents"] == out == into > 0, "open reservations moved into the next year"
