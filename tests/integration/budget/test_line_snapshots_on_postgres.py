"""Budget lines snapshot into PostgreSQL and load back from the snapshot, equal to the line that took the claims."""

from __future__ import annotations

import asyncio
from datetime import date

import psycopg
import pytest

from services.budget.domain.budget_line import BudgetLine
from services.budget.domain.line_snapshot import SNAPSHOT_INTERVAL
from services.budget.releases import ReleasingApplication
from tests.unit.budget.claims import TEAM, claim
from wijk.settings import PlatformSettings

pytestmark = pytest.mark.integration


class SnapshotProbe(ReleasingApplication):
    name = "budget_snapshot_probe"


def _fill_and_reload(settings: PlatformSettings) -> tuple[BudgetLine, BudgetLine, int]:
    app = SnapshotProbe(settings)
    try:
        line = BudgetLine(TEAM, 2026, "wmo", 50_000_000)
        app.save(line)
        for number in range(SNAPSHOT_INTERVAL + 20):
            wanted = claim(10_000)
            line.claim(wanted)
            if number % 4 == 0:
                line.release(wanted.household_id, wanted.decision_id, date(2026, 8, 1), "care stopped")
            app.save(line)
        with psycopg.connect(settings.pg_dsn()) as conn:
            snapshots = conn.execute(
                f"SELECT count(*) FROM {SnapshotProbe.name}.{SnapshotProbe.name}_snapshots"
            ).fetchone()
        return line, app.repository.get(line.id), int(snapshots[0] if snapshots else 0)
    finally:
        app.close()


async def test_a_busy_line_is_snapshotted_and_loads_back_the_same(infra: PlatformSettings) -> None:
    line, loaded, snapshots = await asyncio.to_thread(_fill_and_reload, infra)
    assert snapshots == 1
    assert loaded.version == line.version == 1 + (SNAPSHOT_INTERVAL + 20) + 30  # created, claims, releases
    assert loaded.figures() == line.figures()
    assert loaded.reservations == line.reservations
    assert loaded.remaining_cents == 50_000_000 - (SNAPSHOT_INTERVAL + 20) * 10_000 + 30 * 10_000
