"""Parked messages: every dead letter and every held fact of a service, in its own PostgreSQL schema.

The dead-letter topic tells a Kafka client what went wrong; this table is what the operator's tools read
(`wijk deadletters`) and what the dead-letter metrics count, so the counts survive a restart. One row per parked
message: where it was on the bus (topic, partition, offset: a replay reads it back from there), its CloudEvents
id, source, type and sequence, the kind and the reason. Never its body: a fact is on its topic for good, and a raw
partner signal (personal data) stays only on its partner's topic, for that topic's retention.

Kinds: `invalid` (not a valid fact), `forged` (its `ce_source` is not its topic's publisher), `refused` (the
service will never take it), `failed` (it kept failing), `held` (its sequence jumps past anything its publisher
can have published: ADR 0005). Status: `parked`; `replaying` once an operator re-delivered it (`wijk deadletters
replay`); `replayed` when the service applied it, or `parked` again with the new reason when it failed again;
`discarded` by an operator.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

KINDS = ("invalid", "forged", "refused", "failed", "held")
_TABLE_SQL = """
CREATE TABLE IF NOT EXISTS "{schema}".parked_messages (
    id bigserial PRIMARY KEY,
    consumer_group text NOT NULL,
    kind text NOT NULL,
    reason text NOT NULL,
    topic text NOT NULL,
    partition integer NOT NULL,
    "offset" bigint NOT NULL,
    event_id text,
    source text,
    event_type text,
    sequence bigint,
    epoch text,
    headers jsonb NOT NULL DEFAULT '{{}}'::jsonb,
    parked_at timestamptz NOT NULL DEFAULT now(),
    status text NOT NULL DEFAULT 'parked',
    settled_at timestamptz,
    UNIQUE (consumer_group, topic, partition, "offset")
);
CREATE INDEX IF NOT EXISTS parked_messages_event_id ON "{schema}".parked_messages (event_id)"""


@dataclass(frozen=True)
class Parked:
    id: int
    group: str
    kind: str
    reason: str
    topic: str
    partition: int
    offset: int
    event_id: str | None
    source: str | None
    event_type: str | None
    sequence: int | None
    epoch: str | None
    parked_at: datetime
    status: str


class ParkedStore:
    """The `parked_messages` table of one service's schema."""

    def __init__(self, pool: asyncpg.Pool, schema: str) -> None:
        self.pool, self.schema = pool, schema
        self.table = f'"{schema}".parked_messages'

    async def prepare(self) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(_TABLE_SQL.format(schema=self.schema))

    async def park(
        self, group: str, kind: str, reason: str, topic: str, partition: int, offset: int, headers: dict[str, str]
    ) -> None:
        """Record one parked message; the same position parked again (a replay that failed) takes the new kind and
        reason and is parked again."""
        sequence = headers.get("ce_sequence", "")
        await self.pool.execute(
            f"INSERT INTO {self.table} (consumer_group, kind, reason, topic, partition, \"offset\", event_id, source,"
            " event_type, sequence, epoch, headers) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
            ' ON CONFLICT (consumer_group, topic, partition, "offset") DO UPDATE SET kind = EXCLUDED.kind,'
            " reason = EXCLUDED.reason, status = 'parked', parked_at = now(), settled_at = NULL",
            group, kind, reason[:2000], topic, partition, offset,
            (headers.get("ce_id") or "")[:200] or None, (headers.get("ce_source") or "")[:200] or None,
            (headers.get("ce_type") or "")[:100] or None,
            int(sequence) if sequence.isascii() and sequence.isdigit() and len(sequence) < 19 else None,
            (headers.get("ce_epoch") or "")[:40] or None, json.dumps(headers),
        )  # fmt: skip

    async def counts(self) -> dict[tuple[str, str], int]:
        """How many messages each (group, kind) ever parked, replayed and discarded ones included."""
        rows = await self.pool.fetch(f"SELECT consumer_group, kind, count(*) AS n FROM {self.table} GROUP BY 1, 2")
        return {(r["consumer_group"], r["kind"]): r["n"] for r in rows}

    async def list(self, status: str | None = "parked") -> list[Parked]:
        where, args = ("WHERE status = $1", [status]) if status else ("", [])
        rows = await self.pool.fetch(f"SELECT * FROM {self.table} {where} ORDER BY id", *args)
        return [_parked(r) for r in rows]

    async def get(self, parked_id: int) -> Parked | None:
        row = await self.pool.fetchrow(f"SELECT * FROM {self.table} WHERE id = $1", parked_id)
        return None if row is None else _parked(row)

    async def replayed(self, parked_id: int) -> bool:
        """The service applied a replayed message; False when it was not being replayed."""
        done = await self.pool.execute(
            f"UPDATE {self.table} SET status = 'replayed', settled_at = now() WHERE id = $1 AND status = 'replaying'",
            parked_id,
        )
        return bool(done.endswith(" 1"))


def _parked(row: Any) -> Parked:
    return Parked(
        row["id"], row["consumer_group"], row["kind"], row["reason"], row["topic"], row["partition"], row["offset"],
        row["event_id"], row["source"], row["event_type"], row["sequence"], row["epoch"], row["parked_at"],
        row["status"],
    )  # fmt: skip
