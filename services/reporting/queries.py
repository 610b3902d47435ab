"""Every SQL statement of reporting, and the thin functions that run the read queries on the asyncpg pool.

Reports are computed at read time from `reporting.fact`: a fact counts for the team named in its body, or else
for the team that `reporting.household_team` (filled from CaseOpened) assigns its household to. Because the join
happens when the report is read, it does not matter in which order facts of different topics arrived. `as_of`
(NULL: everything) keeps only facts that occurred at or before that instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg

from contracts.events.budget import BudgetAllocated, FundsReserved

SCHEMA = (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")
SCHEMA_LOCK = 0x7265706F7274  # pg advisory lock key: two processes starting at once create the schema once

INSERT_FACT = """
INSERT INTO reporting.fact (event_id, type, source, subject, occurred_at, topic, partition, kafka_offset, data)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
ON CONFLICT (event_id) DO NOTHING
"""

ASSIGN_HOUSEHOLD_TEAM = """
INSERT INTO reporting.household_team (household_id, team_id, district)
VALUES ($1, $2, $3)
ON CONFLICT (household_id) DO UPDATE SET team_id = EXCLUDED.team_id, district = EXCLUDED.district
"""

TEAM_TYPE_COUNTS = """
WITH attributed AS (
    SELECT COALESCE(f.data->>'team_id', h.team_id) AS team_id, f.type, f.data
    FROM reporting.fact f
    LEFT JOIN reporting.household_team h ON h.household_id::text = f.subject
    WHERE $1::timestamptz IS NULL OR f.occurred_at <= $1::timestamptz
)
SELECT team_id, type, count(*) AS facts, COALESCE(sum((data->>'amount_cents')::bigint), 0) AS cents
FROM attributed
WHERE team_id IS NOT NULL AND ($2::text IS NULL OR team_id = $2::text)
GROUP BY team_id, type
ORDER BY team_id, type
"""

BUDGET_LINES = """
SELECT data->>'team_id' AS team_id,
       (data->>'year')::int AS year,
       data->>'budget_line' AS budget_line,
       COALESCE(sum((data->>'amount_cents')::bigint) FILTER (WHERE type = $3), 0) AS allocated_cents,
       COALESCE(sum((data->>'amount_cents')::bigint) FILTER (WHERE type = $4), 0) AS reserved_cents
FROM reporting.fact
WHERE type IN ($3, $4)
  AND ($1::timestamptz IS NULL OR occurred_at <= $1::timestamptz)
  AND ($2::text IS NULL OR data->>'team_id' = $2::text)
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
"""

FACTS_BY_TYPE = """
SELECT type, count(*) AS facts
FROM reporting.fact
WHERE $1::timestamptz IS NULL OR occurred_at <= $1::timestamptz
GROUP BY type
ORDER BY type
"""

Rows = Sequence[asyncpg.Record]


async def create_schema(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", SCHEMA_LOCK)
        await conn.execute(SCHEMA)


async def team_type_counts(pool: asyncpg.Pool, as_of: datetime | None, team_id: str | None = None) -> Rows:
    """Per team and event type: how many facts, and the sum of their `amount_cents`."""
    return await _fetch(pool, TEAM_TYPE_COUNTS, as_of, team_id)


async def budget_lines(pool: asyncpg.Pool, as_of: datetime | None, team_id: str | None = None) -> Rows:
    """Per team, year and budget line: cents allocated (BudgetAllocated) and reserved (FundsReserved)."""
    return await _fetch(pool, BUDGET_LINES, as_of, team_id, BudgetAllocated.type, FundsReserved.type)


async def facts_by_type(pool: asyncpg.Pool, as_of: datetime | None) -> Rows:
    return await _fetch(pool, FACTS_BY_TYPE, as_of)


async def _fetch(pool: asyncpg.Pool, sql: str, *args: Any) -> Rows:
    async with pool.acquire() as conn:
        return await conn.fetch(sql, *args)  # type: ignore[no-any-return]
