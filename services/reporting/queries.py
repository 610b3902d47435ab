"""The core SQL of reporting, and the thin functions that run read queries on the asyncpg pool.

Reports are computed at read time from `reporting.fact` through `reporting.facts_at(as_of, team, district, from,
to)` (schema.sql): a fact counts for the team named in its body, or else for the team of its household's latest
case opened by then. The other `queries_*` modules hold each report's SQL; they all bind a ReportFilter's five
`args()` as $1..$5.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeAlias

import asyncpg

from contracts.events.base import IntegrationEvent
from services.reporting.filters import ReportFilter

SCHEMA = (Path(__file__).parent / "schema.sql").read_text(encoding="utf-8")
SCHEMA_LOCK = 0x7265706F7274  # pg advisory lock key: two processes starting at once create the schema once
FACTS = "reporting.facts_at($1::timestamptz, $2::text, $3::text, $4::date, $5::date)"
"""Every fact of the filter (bind ReportFilter.args() as $1..$5)."""
FACTS_ALL_DAYS = "reporting.facts_at($1::timestamptz, $2::text, $3::text, NULL, NULL)"
"""The same facts, on any day: for what follows a fact that the period selected."""

INSERT_FACT = """
INSERT INTO reporting.fact
    (event_id, type, source, subject, occurred_at, topic, partition, kafka_offset, data, fact_date)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
ON CONFLICT (event_id) DO NOTHING
"""

TEAM_TYPE_COUNTS = f"""
SELECT team_id, type, count(*) AS facts, COALESCE(sum((data->>'amount_cents')::numeric), 0) AS cents
FROM {FACTS}
WHERE team_id IS NOT NULL
GROUP BY team_id, type
ORDER BY team_id, type
"""

FACTS_BY_TYPE = """
SELECT type, count(*) AS facts
FROM reporting.fact
WHERE $1::timestamptz IS NULL OR occurred_at <= $1::timestamptz
GROUP BY type
ORDER BY type
"""

Rows = Sequence[asyncpg.Record]
Db: TypeAlias = asyncpg.Pool | asyncpg.Connection
"""Where reports are read: the pool, or one connection (a rebuild reads inside its own transaction)."""


def t(model: type[IntegrationEvent]) -> str:
    """A fact type as an SQL literal (our own constants, never user input)."""
    assert "'" not in model.type
    return f"'{model.type}'"


async def create_schema(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", SCHEMA_LOCK)
        await conn.execute(SCHEMA)


async def team_type_counts(pool: Db, where: ReportFilter) -> Rows:
    """Per team and event type: how many facts, and the sum of their `amount_cents`."""
    return await fetch(pool, TEAM_TYPE_COUNTS, *where.args())


async def facts_by_type(pool: Db, as_of: datetime | None) -> Rows:
    return await fetch(pool, FACTS_BY_TYPE, as_of)


async def fetch(db: Db, sql: str, *args: Any) -> Rows:
    if isinstance(db, asyncpg.Connection):
        return await db.fetch(sql, *args)  # type: ignore[no-any-return]
    async with db.acquire() as conn:
        return await conn.fetch(sql, *args)  # type: ignore[no-any-return]
