"""Search every raw store for given values: every text-like column of every table in every schema of the
database, and the keys, values and headers of every message on every topic of the broker."""

from __future__ import annotations

import json

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition

SEARCHABLE = ("text", "character varying", "bytea", "jsonb", "json", "character")


def forms(value: str) -> list[bytes]:
    """A value as it may be stored: plain UTF-8, as a JSON string (with escapes), and JSON with ASCII escapes."""
    found = {value.encode(), json.dumps(value, ensure_ascii=False)[1:-1].encode(), json.dumps(value)[1:-1].encode()}
    return sorted(found)


async def columns(conn: asyncpg.Connection) -> list[tuple[str, str, str, str]]:
    rows = await conn.fetch(
        "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND data_type = ANY($1::text[])",
        list(SEARCHABLE),
    )
    return [(r["table_schema"], r["table_name"], r["column_name"], r["data_type"]) for r in rows]


async def database_hits(conn: asyncpg.Connection, needles: list[bytes]) -> set[tuple[bytes, str]]:
    """Which needle occurs where in the database, as (needle, `schema.table.column`)."""
    hits: set[tuple[bytes, str]] = set()
    for schema, table, column, data_type in await columns(conn):
        cast = "" if data_type == "bytea" else "::text"
        rows = await conn.fetch(f'SELECT "{column}"{cast} AS v FROM "{schema}"."{table}" WHERE "{column}" IS NOT NULL')
        for row in rows:
            raw = row["v"] if isinstance(row["v"], bytes) else row["v"].encode()
            hits.update((n, f"{schema}.{table}.{column}") for n in needles if n in raw)
    return hits


async def schemas_searched(conn: asyncpg.Connection) -> set[str]:
    return {schema for schema, *_ in await columns(conn)}


async def topic_hits(bootstrap: str, needles: list[bytes]) -> tuple[set[tuple[bytes, str]], int]:
    """Which needle occurs on which topic, and how many messages were searched (every topic, from the start up to
    where each partition ends now)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    hits: set[tuple[bytes, str]] = set()
    searched = 0
    try:
        topics = await consumer.topics()
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        behind = {p: end for p, end in ends.items() if await consumer.position(p) < end}
        while behind:
            batch = await consumer.getmany(timeout_ms=400)
            for record in (r for part in batch.values() for r in part):
                searched += 1
                blob = b"".join([record.key or b"", record.value or b"", *(v for _, v in record.headers or ())])
                hits.update((n, record.topic) for n in needles if n in blob)
            behind = {p: end for p, end in behind.items() if await consumer.position(p) < end}
    finally:
        await consumer.stop()
    return hits, searched
