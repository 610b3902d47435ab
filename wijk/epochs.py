"""Store generations (epochs): which `ce_epoch` a publisher's outbox position belongs to (ADR 0005).

A store restored from a backup numbers its new notifications from where the backup ended, so its new facts reuse
positions that consumers may already have applied from the lost history, and deduplication would drop them. A
restore therefore begins a new epoch, recorded in the store itself (`store_epochs`: each epoch and the first
notification written in it). The relay stamps every fact with the epoch its notification was written in: a fact of
the restored history keeps its old epoch (and is recognised as a duplicate), a fact written after the restore
carries the new one (and is applied: consumers keep a position per source AND epoch, `Delivery.tracking`). The
first generation has no row and no header, so stores and consumers from before epochs read as they did.
"""

from __future__ import annotations

import bisect
import secrets
from datetime import UTC, datetime

import asyncpg
import psycopg
from psycopg import sql

TABLE_SQL = """
CREATE TABLE IF NOT EXISTS "{schema}".store_epochs (
    epoch text PRIMARY KEY,
    first_notification bigint NOT NULL UNIQUE,
    began_at timestamptz NOT NULL DEFAULT now()
)"""


class Epochs:
    """The epochs of one store, in order, and the epoch of a notification id."""

    def __init__(self, beginnings: list[tuple[int, str]] | None = None) -> None:
        self.beginnings = sorted(beginnings or [])
        self._firsts = [first for first, _ in self.beginnings]

    def of(self, notification_id: int) -> str | None:
        """The epoch `notification_id` was written in; None for the first generation."""
        index = bisect.bisect_right(self._firsts, notification_id) - 1
        return self.beginnings[index][1] if index >= 0 else None

    @classmethod
    async def load(cls, pool: asyncpg.Pool, schema: str) -> Epochs:
        """The store's epochs; none until a restore began one (the table is made by `begin_epoch` alone: the
        relays of one store start side by side, and CREATE TABLE IF NOT EXISTS is not safe to race)."""
        async with pool.acquire() as conn:
            if await conn.fetchval("SELECT to_regclass($1)", f'"{schema}".store_epochs') is None:
                return cls()
            rows = await conn.fetch(f'SELECT first_notification, epoch FROM "{schema}".store_epochs')
        return cls([(r["first_notification"], r["epoch"]) for r in rows])


def new_epoch_name(now: datetime | None = None) -> str:
    """A name no other restore will choose: the moment and a random part (`r20261201t193000-3f9a1c`)."""
    moment = (now or datetime.now(UTC)).strftime("%Y%m%dt%H%M%S")
    return f"r{moment}-{secrets.token_hex(3)}"


def begin_epoch(conn: psycopg.Connection[object], schema: str, events_table: str) -> tuple[str, int]:
    """Begin a new epoch in a restored store: its notifications from the next id on belong to it."""
    conn.execute(sql.SQL(TABLE_SQL.format(schema=schema)))  # type: ignore[arg-type]
    newest = conn.execute(
        sql.SQL("SELECT coalesce(max(notification_id), 0) FROM {}.{}").format(
            sql.Identifier(schema), sql.Identifier(events_table)
        )
    ).fetchone()
    first = int(newest[0]) + 1  # type: ignore[index, call-overload]
    name = new_epoch_name()
    conn.execute(
        sql.SQL(
            "INSERT INTO {}.store_epochs (epoch, first_notification) VALUES (%s, %s) "
            "ON CONFLICT (first_notification) DO UPDATE SET epoch = EXCLUDED.epoch, began_at = now()"
        ).format(sql.Identifier(schema)),  # restored twice with nothing written in between: nothing was stamped
        (name, first),
    )
    return name, first
