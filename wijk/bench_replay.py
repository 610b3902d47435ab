"""A reporting rebuild, measured: every fact topic re-consumed from the beginning into a FRESH fact table, one
transaction per fact with reporting's columns and its idempotent insert (ON CONFLICT on the CloudEvents id).

This stands in for reporting's own rebuild command (in progress while this was written): it measures the same
work, reading the bus and recording each fact once, without depending on reporting's internals.
"""

from __future__ import annotations

import time
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition

from wijk.bench_raw import rate
from wijk.embedded_postgres import PgEndpoint

SCHEMA = """
DROP SCHEMA IF EXISTS bench_rebuild CASCADE;
CREATE SCHEMA bench_rebuild;
CREATE TABLE bench_rebuild.fact (
    event_id text PRIMARY KEY, type text NOT NULL, source text NOT NULL, subject text,
    topic text NOT NULL, partition int NOT NULL, kafka_offset bigint NOT NULL, data jsonb NOT NULL
);
"""
INSERT = """
INSERT INTO bench_rebuild.fact (event_id, type, source, subject, topic, partition, kafka_offset, data)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) ON CONFLICT (event_id) DO NOTHING
"""


async def replay_facts(bootstrap: str, endpoint: PgEndpoint, topics: tuple[str, ...]) -> dict[str, Any]:
    conn = await asyncpg.connect(
        host=endpoint.host, port=endpoint.port, user=endpoint.user, password=endpoint.password or None,
        database=endpoint.dbname,
    )  # fmt: skip
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, max_poll_records=1000)
    await consumer.start()
    try:
        await conn.execute(SCHEMA)
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or [])]
        if not partitions:
            partitions = [TopicPartition(t, p) for t in topics for p in range(4)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        total, seen, started = sum(ends.values()), 0, time.perf_counter()
        while seen < total:
            batches = await consumer.getmany(timeout_ms=2000, max_records=1000)
            if not batches:
                break
            for tp, messages in batches.items():
                for m in messages:
                    headers = {k: v.decode() for k, v in m.headers}
                    async with conn.transaction():
                        await conn.execute(
                            INSERT, headers.get("ce_id", f"{tp.topic}/{tp.partition}/{m.offset}"),
                            headers.get("ce_type", ""), headers.get("ce_source", ""), headers.get("ce_subject"),
                            tp.topic, tp.partition, m.offset, (m.value or b"{}").decode(),
                        )  # fmt: skip
                    seen += 1
        seconds = time.perf_counter() - started
        await conn.execute("DROP SCHEMA bench_rebuild CASCADE")
    finally:
        await consumer.stop()
        await conn.close()
    return {"facts": seen, "seconds": round(seconds, 2), "facts_per_s": rate(seen, seconds)}
