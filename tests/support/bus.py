"""Direct access to the topics, for tests that read, copy or inject messages the way a faulty network would."""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition


async def read_topic(bootstrap: str, topic: str) -> list[ConsumerRecord[Any, Any]]:
    """Every record on a topic right now, partition by partition."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        if not partitions:
            return []
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        records: list[ConsumerRecord[Any, Any]] = []
        idle = 0
        while idle < 3:
            batch = await consumer.getmany(timeout_ms=300)
            idle = 0 if batch else idle + 1
            for part in batch.values():
                records.extend(part)
        return records
    finally:
        await consumer.stop()


async def produce(bootstrap: str, records: list[tuple[str, bytes | None, bytes, list[tuple[str, bytes]]]]) -> None:
    """Send (topic, key, value, headers) one at a time, in order."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        for topic, key, value, headers in records:
            await producer.send_and_wait(topic, value, key=key, headers=headers)
    finally:
        await producer.stop()


async def redeliver(bootstrap: str, topics: list[str]) -> dict[str, int]:
    """Deliver every message on the topics a second time: same key, value and headers. Returns counts by ce_type."""
    copies: list[tuple[str, bytes | None, bytes, list[tuple[str, bytes]]]] = []
    by_type: dict[str, int] = {}
    for topic in topics:
        for record in await read_topic(bootstrap, topic):
            headers = list(record.headers or ())
            copies.append((topic, record.key, record.value, headers))
            kind = dict(headers).get("ce_type", b"").decode()
            by_type[kind] = by_type.get(kind, 0) + 1
    await produce(bootstrap, copies)
    return by_type
