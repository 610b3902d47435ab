"""The raw limits on this machine: aiokafka produce and consume against the broker, asyncpg inserts against
PostgreSQL, measured with the same message size as the pipeline's facts (STACK.md §7.2 has earlier figures)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from tooling.embedded_postgres import PgEndpoint

PARTITIONS = 4


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else 0.0


async def create_topic(bootstrap: str, topic: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, num_partitions=PARTITIONS, replication_factor=1)])
    finally:
        await admin.close()


async def kafka_produce(bootstrap: str, topic: str, count: int, size: int) -> dict[str, Any]:
    """Pipelined sends (what a batching producer can do) and awaited one by one (what the relay does per fact)."""
    body = b"x" * size
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=5, max_batch_size=256 * 1024)
    await producer.start()
    try:
        started = time.perf_counter()
        futures = [await producer.send(topic, body, key=str(i % 997).encode()) for i in range(count)]
        await asyncio.gather(*futures)
        pipelined = rate(count, time.perf_counter() - started)
    finally:
        await producer.stop()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=0)
    await producer.start()
    try:
        awaited_count = min(count, 1000)
        started = time.perf_counter()
        for i in range(awaited_count):
            await producer.send_and_wait(topic, body, key=str(i).encode())
        awaited = rate(awaited_count, time.perf_counter() - started)
    finally:
        await producer.stop()
    return {"produce_pipelined_msg_per_s": pipelined, "produce_awaited_msg_per_s": awaited, "message_bytes": size}


async def kafka_consume(bootstrap: str, topic: str, count: int) -> dict[str, Any]:
    """Read `count` messages from the start of every partition (no group: the raw fetch path)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, max_poll_records=2000)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in range(PARTITIONS)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        seen, started = 0, time.perf_counter()
        while seen < count:
            batches = await consumer.getmany(timeout_ms=1000, max_records=2000)
            if not batches:
                break
            seen += sum(len(messages) for messages in batches.values())
        return {"consume_msg_per_s": rate(seen, time.perf_counter() - started), "consumed": seen}
    finally:
        await consumer.stop()


async def pg_commits(endpoint: PgEndpoint) -> dict[str, int]:
    """PostgreSQL's counters so far: transactions committed in the platform's database (`xact_commit`, reads
    included), WAL flushes to disk (`pg_stat_io`'s WAL fsyncs: what a write transaction waits for), and rows
    written to the services' tracking tables (one per fact applied by an eventsourcing inbox). The backends report
    them within a second or so, which a run of many seconds absorbs."""
    conn = await asyncpg.connect(
        host=endpoint.host, port=endpoint.port, user=endpoint.user, password=endpoint.password or None,
        database=endpoint.dbname,
    )  # fmt: skip
    try:
        commits = await conn.fetchval("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
        syncs = await conn.fetchval("SELECT sum(fsyncs) FROM pg_stat_io WHERE object = 'wal'")  # PostgreSQL 18
        tracked = await conn.fetchval(
            "SELECT sum(n_tup_ins + n_tup_upd) FROM pg_stat_user_tables WHERE relname LIKE '%\\_tracking'"
        )
    finally:
        await conn.close()
    return {"commits": int(commits or 0), "wal_syncs": int(syncs or 0), "tracking_writes": int(tracked or 0)}


async def pg_inserts(endpoint: PgEndpoint, single: int, batched: int, size: int) -> dict[str, Any]:
    """One insert per transaction (what an event-sourced command or a projected fact costs at least), and
    batches of 100 per transaction (executemany)."""
    conn = await asyncpg.connect(
        host=endpoint.host, port=endpoint.port, user=endpoint.user, password=endpoint.password or None,
        database=endpoint.dbname,
    )  # fmt: skip
    body = '{"x": "' + "x" * max(size - 10, 1) + '"}'
    try:
        await conn.execute(
            "DROP TABLE IF EXISTS bench_raw; CREATE TABLE bench_raw (id bigserial PRIMARY KEY, body jsonb)"
        )
        started = time.perf_counter()
        for _ in range(single):
            async with conn.transaction():
                await conn.execute("INSERT INTO bench_raw (body) VALUES ($1::jsonb)", body)
        one = rate(single, time.perf_counter() - started)
        started = time.perf_counter()
        for _ in range(batched // 100):
            async with conn.transaction():
                await conn.executemany("INSERT INTO bench_raw (body) VALUES ($1::jsonb)", [(body,)] * 100)
        many = rate(batched // 100 * 100, time.perf_counter() - started)
        await conn.execute("DROP TABLE bench_raw")
    finally:
        await conn.close()
    return {"pg_insert_one_per_txn_per_s": one, "pg_insert_batched_100_per_s": many}
