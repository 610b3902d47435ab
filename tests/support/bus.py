"""The bus as the tests drive it: publish contract facts as their services would, and read the topics back.

A fact goes out as a CloudEvent in Kafka binary mode, keyed by its subject (the household), with an increasing
`sequence`, so a consumer's dedupe position behaves as it does behind a real relay. Every publisher signs as the
fact's real publisher (the municipality's OIN and the publishing service: inboxes refuse any other source) in an
epoch of its own (`ce_epoch`, ADR 0005): on the shared stack a consumer's dedupe position per (source, epoch)
never mixes one test's numbering with another's, nor with the real relays'. Readers start at the beginning of a
topic and, on the shared stack, keep only the messages of the test's own households (`of`); `produce` and
`redeliver` copy or inject messages the way a faulty network would.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeAlias
from uuid import uuid4

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition

from contracts.envelope import CloudEventHeaders, now, source_urn
from contracts.events.base import IntegrationEvent
from contracts.registry import REGISTRY
from kernel.municipality import load_municipality

Record: TypeAlias = ConsumerRecord[Any, Any]
Message: TypeAlias = tuple[str, bytes | None, bytes, list[tuple[str, bytes]]]  # (topic, key, value, headers)


def publisher_of(model: type[IntegrationEvent]) -> str:
    """The service that publishes a model: `nl.wijkteam.<service>.facts` -> `<service>`."""
    return model.topic.split(".")[2]


def keys(households: Iterable[object]) -> set[str]:
    """The message keys (ce_subject) of the given households or other subjects."""
    return {str(h) for h in households}


class Publisher:
    """Publishes facts through one producer, numbering them from `first_sequence` like an outbox.

    Every envelope carries `time` when given, else the moment it is made, and this publisher's own source.
    """

    def __init__(
        self, bootstrap: str, time: datetime | None = None, first_sequence: int = 1, oin: str | None = None
    ) -> None:
        self.producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
        self.time = time
        self.sequences = itertools.count(first_sequence)
        self.oin = oin or load_municipality().oin
        self.epoch = f"test-{random.randrange(16**12):012x}"

    def upstream(self, model: type[IntegrationEvent]) -> str:
        """The dedupe key's publisher part for this publisher's facts of `model` (`Delivery.upstream`)."""
        return f"{source_urn(publisher_of(model), self.oin)}#{self.epoch}"

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
            source=source_urn(publisher_of(model), self.oin),
            type=model.type,
            time=time or self.time or now(),
            subject=subject,
            sequence=next(self.sequences) if sequence is None else sequence,
            epoch=self.epoch,
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


def ours(records: list[Record], of: Iterable[object] | None) -> list[Record]:
    """The records keyed by the given households; all of them when `of` is None."""
    if of is None:
        return records
    wanted = {k.encode() for k in keys(of)}
    return [r for r in records if r.key in wanted]


async def read_topic(
    bootstrap: str, topic: str, expected: int | None = None, polls: int = 40, of: Iterable[object] | None = None
) -> list[Record]:
    """Every record on `topic` from the beginning, of the given households only when `of` is given. With
    `expected`, wait up to `polls` half-seconds until at least that many have arrived; without, read what is
    there now, until the topic stays idle."""
    if expected is None:
        return ours(await read_until_idle(bootstrap, topic), of)
    found: list[Record] = []

    def take(records: list[Record]) -> bool:
        found.extend(ours(records, of))
        return len(found) >= expected

    await poll(bootstrap, topic, polls, take)
    return found


async def read_until_idle(bootstrap: str, topic: str, *more: str) -> list[Record]:
    """Every record on the topics right now (up to each partition's end offset), through one consumer; nothing
    of a topic that does not exist."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [
            TopicPartition(name, p)
            for name in (topic, *more)
            for p in sorted(consumer.partitions_for_topic(name) or ())
        ]
        if not partitions:
            return []
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        records: list[Record] = []
        behind = {p: end for p, end in ends.items() if await consumer.position(p) < end}
        while behind:
            for part in (await consumer.getmany(timeout_ms=500)).values():
                records.extend(part)
            behind = {p: end for p, end in behind.items() if await consumer.position(p) < end}
        return records
    finally:
        await consumer.stop()


async def facts_now(bootstrap: str, topic: str, of: Iterable[object] | None = None) -> list[IntegrationEvent]:
    """The distinct facts on `topic` right now (of the given households, when `of` is given), in topic order."""
    found: dict[str, IntegrationEvent] = {}
    for record in await read_topic(bootstrap, topic, of=of):
        headers = headers_of(record)
        found.setdefault(headers["ce_id"], REGISTRY.model(headers["ce_type"]).model_validate_json(record.value or b""))
    return list(found.values())


async def read_facts(
    bootstrap: str, topic: str, expected: int, polls: int = 40, of: Iterable[object] | None = None
) -> list[IntegrationEvent]:
    """The distinct facts on `topic` (of the given households only, when `of` is given), parsed by their
    ce_type; stops once `expected` are read or after `polls` half-seconds. Delivery is at least once: a
    republished outbox entry keeps its ce_id and counts once."""
    facts: dict[str, IntegrationEvent] = {}

    def take(records: list[Record]) -> bool:
        for record in ours(records, of):
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


async def redeliver(bootstrap: str, topics: list[str], of: Iterable[object] | None = None) -> dict[str, int]:
    """Deliver every message on the topics (of the given households, when `of` is given) a second time: same
    key, value and headers. Returns counts by ce_type."""
    copies: list[Message] = []
    by_type: dict[str, int] = {}
    for topic in topics:
        for record in await read_topic(bootstrap, topic, of=of):
            headers = list(record.headers or ())
            copies.append((topic, record.key, record.value, headers))
            kind = dict(headers).get("ce_type", b"").decode()
            by_type[kind] = by_type.get(kind, 0) + 1
    await produce(bootstrap, copies)
    return by_type
