"""Backup and restore of the stores: a stack that played a small year is backed up; restoring over it is refused;
restored into an empty database with an empty broker, the relays republish and reporting's figures come back equal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import dismantle, isolated
from tests.support.identity import IdentityProvider
from tests.support.stack import Stack
from tooling.backup import BackupError, backup, restore, stores
from tooling.embedded_postgres import EmbeddedPostgres
from tooling.simulate import simulate
from tooling.simulate_scenario import Municipality
from tooling.simulate_settle import BusWatch
from wijk.settings import PlatformSettings

pytestmark = pytest.mark.integration


async def council(settings: PlatformSettings, stack: Stack) -> dict[str, Any]:
    """Reporting's figures once the bus is quiet."""
    watch = BusWatch(settings)
    try:
        await watch.wait(timeout=180)
    finally:
        await watch.close()
    async with stack.client("reporting", timeout=30) as client:
        return {"summary": (await client.get("/summary")).json(), "teams": (await client.get("/teams")).json()}


@pytest.mark.timeout(600)
async def test_a_restored_store_republishes_and_reports_the_same_figures(
    postgres: EmbeddedPostgres, identity: IdentityProvider, tmp_path: Path
) -> None:
    """Stacks of their own: the original on one database and broker, the restore on an empty database and an empty
    broker, so the record can come back from the stores alone."""
    almere = Municipality.load("almere")
    stack, server = await isolated(postgres, identity)
    settings = stack.settings
    try:
        await stack.start()
        urls = {name: stack.url(name) for name in stack.runtimes}
        await simulate(urls, settings.kafka_bootstrap, almere, 4, 5, stack.every_service(), say=lambda _: None)
        original = await council(settings, stack)
        await stack.stop()
        kept = backup(settings, tmp_path / "backup")
        with pytest.raises(BackupError, match="refusing to restore over stores that hold events: intake"):
            restore(settings, tmp_path / "backup")
    finally:
        await dismantle(stack, server, postgres)

    stack, server = await isolated(postgres, identity)
    try:
        restore(stack.settings, tmp_path / "backup")
        restored_stores = {s.schema: s.events for s in stores(stack.settings)}
        assert restored_stores == {k: v["events"] for k, v in kept["stores"].items()}
        await stack.start()
        restored = await council(stack.settings, stack)
    finally:
        await dismantle(stack, server, postgres)
    assert original["summary"]["care_started"] >= 1
    assert restored == original
