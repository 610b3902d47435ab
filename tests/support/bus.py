"""The bus as the tests drive it: publish contract facts as their services would, and read the topics back.

A fact goes out as a CloudEvent in Kafka binary mode, keyed by its subject (the household), with an increasing
`sequence`, so a consumer's dedupe position behaves as it does behind a real relay. Readers start at the
beginning of a topic; `produce` and `redeliver` copy or inject messages the way a faulty network would.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeAlias
from uuid import uuid4

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition

from contracts.envelope import CloudEventHeaders, now, source_urn
from contracts.events.base import IntegrationEvent
from contracts.registry import REGISTRY

Record: TypeAlias = ConsumerRecord[Any, Any]
Message: TypeAlias = tuple[str, bytes | None, bytes, list[tuple[str, bytes]]]  # (topic, key, value, headers)


def publisher_of(model: type[IntegrationEvent]) -> str:
    """The service that publishes a model: `nl.wijkteam.<service>.facts` -> `<service>`."""
    return model.topic.split(".")[2]


class Publisher:
    """Publishes facts through one producer, numbering them from `first_sequence` like an outbox.

    Every envelope carries `time` when given, else the moment it is made.
    """

    def __init__(self, bootstrap: str, time: datetime | None = None, first_sequence: int = 1) -> None:
        self.producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
        self.time = time
        self.sequences = itertools.count(first_sequence)

    async def __aenter__(self) -> Publisher:
        await self.producer.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.producer.stop()

    def envelope(
        self,
        model: type[IntegrationEvent],
        subject: str,
        time: datetime | None = None,
        event_id: str | None = None,
        sequence: int | None = None,
    ) -> CloudEventHeaders:
        """A fresh envelope for a fact of `model`; without `sequence` it takes the next one of this publisher."""
        return CloudEventHeaders(
            id=event_id or str(uuid4()),
            source=source_urn(publisher_of(model)),
            type=model.type,
            time=time or self.time or now(),
            subject=subject,
            sequence=next(self.sequences) if sequence is None else sequence,
        )

    async def publish(
        self, fact: IntegrationEvent, time: datetime | None = None, event_id: str | None = None
    ) -> CloudEventHeaders:
        """Publish a fact under a fresh envelope; returns the envelope so a test can republish it as is."""
        envelope = self.envelope(type(fact), fact.subject, time, event_id)
        await self.send(fact.topic, envelope, fact.model_dump_json().encode())
        return envelope

    async def send(self, topic: str, envelope: CloudEventHeaders, body: bytes) -> None:
        """Send any body under a given envelope (a republish, or a malformed body behind valid headers)."""
        headers = [(k, v.encode()) for k, v in envelope.to_kafka_headers().items()]
        await self.producer.send_and_wait(topic, body, key=envelope.subject.encode(), headers=headers)


async def publish(bootstrap: str, *facts: IntegrationEvent, first_sequence: int = 1) -> None:
    """Publish facts through a publisher of their own, numbered from `first_sequence`."""
    async with Publisher(bootstrap, first_sequence=first_sequence) as publisher:
        for fact in facts:
            await publisher.publish(fact)


def headers_of(record: Record) -> dict[str, str]:
    """A record's Kafka headers, decoded."""
    return {k: v.decode() for k, v in record.headers or ()}


async def poll(bootstrap: str, topic: str, polls: int, take: Callable[[list[Record]], bool]) -> None:
    """Hand every record on `topic`, from the beginning, to `take`, one half-second poll at a time, until
    `take` says it has enough or `polls` polls have passed. The topic may not exist yet when polling starts."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest")
    await consumer.start()
    try:
        for _ in range(polls):
            records = [r for batch in (await consumer.getmany(timeout_ms=500)).values() for r in batch]
            if take(records):
                break
    finally:
        await consumer.stop()


async def read_topic(bootstrap: str, topic: str, expected: int | None = None, polls: int = 40) -> list[Record]:
    """Every record on `topic` from the beginning. With `expected`, wait up to `polls` half-seconds until at
    least that many have arrived; without, read what is there now, until the topic stays idle."""
    if expected is None:
        return await read_until_idle(bootstrap, topic)
    found: list[Record] = []

    def take(records: list[Record]) -> bool:
        found.extend(records)
        return len(found) >= expected

    await poll(bootstrap, topic, polls, take)
    return found


async def read_until_idle(bootstrap: str, topic: str) -> list[Record]:
    """Every record on a topic right now, partition by partition; nothing when the topic does not exist."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        if not partitions:
            return []
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        records: list[Record] = []
        idle = 0
        while idle < 3:
            batch = await consumer.getmany(timeout_ms=300)
            idle = 0 if batch else idle + 1
            for part in batch.values():
                records.extend(part)
        return records
    finally:
        await consumer.stop()


async def read_facts(bootstrap: str, topic: str, expected: int, polls: int = 40) -> list[IntegrationEvent]:
    """The distinct facts on `topic`, parsed by their ce_type; stops once `expected` are read or after `polls`
    half-seconds. Delivery is at least once: a republished outbox entry keeps its ce_id and counts once."""
    facts: dict[str, IntegrationEvent] = {}

    def take(records: list[Record]) -> bool:
        for record in records:
            headers = headers_of(record)
            model = REGISTRY.model(headers["ce_type"])
            facts.setdefault(headers["ce_id"], model.model_validate_json(record.value or b""))
        return len(facts) >= expected

    await poll(bootstrap, topic, polls, take)
    return list(facts.values())


async def produce(bootstrap: str, records: list[Message]) -> None:
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
    copies: list[Message] = []
    by_type: dict[str, int] = {}
    for topic in topics:
        for record in await read_topic(bootstrap, topic):
            headers = list(record.headers or ())
            copies.append((topic, record.key, record.value, headers))
            kind = dict(headers).get("ce_type", b"").decode()
            by_type[kind] = by_type.get(kind, 0) + 1
    await produce(bootstrap, copies)
    return by_type
