"""`/ready` answers 503 while the store cannot take a write, though it still answers reads (issue 18, #1).

A stuck write holds the events table's EXCLUSIVE lock; `SELECT 1` kept answering, so `/ready` said 200 while
every command of the service waited for ever.
"""

from __future__ import annotations

import psycopg
import pytest

from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration


async def test_ready_is_503_while_the_events_table_is_locked_and_200_again_after(stack: Stack) -> None:
    await stack.start(["debt"])
    async with stack.client("debt", timeout=10) as client:
        assert (await client.get("/ready")).status_code == 200
        with psycopg.connect(stack.settings.pg_dsn()) as holder:
            holder.execute("LOCK TABLE debt.debt_events IN EXCLUSIVE MODE")  # as a write stuck mid-insert does
            stuck = await client.get("/ready")
            assert stuck.status_code == 503
            assert stuck.json()["checks"] == {"store": True, "store_writes": False, "broker": True}
        await eventually(lambda: client.get("/ready"), lambda r: r.status_code == 200, timeout=10)
