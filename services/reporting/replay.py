"""Reading every fact topic from the start, as the inbox would: each message parsed as a CloudEvent and
validated against its contract; what is not a valid fact, or one reporting cannot count (`admission`), is skipped
(the live inbox dead-letters it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from pydantic import ValidationError

from contracts.envelope import CloudEventHeaders, EnvelopeError
from contracts.registry import REGISTRY, UnknownEventType
from services.reporting.admission import refusal
from services.reporting.projection import fact_row
from wijk.consumer import Delivery

FactRow = tuple[Any, ...]
FETCH_BYTES = 16 * 1024 * 1024
"""Per partition and fetch: large, so a replay reads thousands of facts per round trip (the default is 1 MiB)."""


def fact_topics() -> list[str]:
    """The topics reporting's inbox consumes: every topic a registered fact is published on."""
    return sorted({model.topic for model in REGISTRY.models()})


def parse(record: ConsumerRecord[Any, Any], headers: dict[str, str] | None = None) -> FactRow | None:
    """The `reporting.fact` row of a record, or None when it is not a valid fact (`headers`: its headers decoded,
    when the caller has them already)."""
    if headers is None:
        headers = decoded_headers(record)
    try:
        envelope = CloudEventHeaders.from_kafka_headers(headers)
        event = REGISTRY.model(envelope.type).model_validate_json(record.value or b"")
    except (EnvelopeError, UnknownEventType, ValidationError):
        return None
    if event.subject != envelope.subject or refusal(event) is not None:
        return None
    return fact_row(event, Delivery(envelope, record.topic, record.partition, record.offset))


def decoded_headers(record: ConsumerRecord[Any, Any]) -> dict[str, str]:
    return {k: v.decode("utf-8", "replace") for k, v in record.headers or ()}


@dataclass
class Replay:
    """Every valid fact read so far, once per CloudEvents id, and where each partition was read up to."""

    facts: dict[str, FactRow] = field(default_factory=dict)
    messages: int = 0
    skipped: int = 0
    positions: dict[TopicPartition, int] = field(default_factory=dict)
    fresh: list[FactRow] = field(default_factory=list)
    """The facts taken since the last `drain`."""

    def take(self, record: ConsumerRecord[Any, Any]) -> None:
        self._take(record)
        self.positions[TopicPartition(record.topic, record.partition)] = record.offset + 1

    def take_all(self, partition: TopicPartition, records: list[ConsumerRecord[Any, Any]]) -> None:
        """`take` each record of one partition's fetch, in order."""
        for record in records:
            self._take(record)
        if records:
            self.positions[partition] = records[-1].offset + 1

    def drain(self) -> list[FactRow]:
        """The facts taken since the last call."""
        fresh, self.fresh = self.fresh, []
        return fresh

    def _take(self, record: ConsumerRecord[Any, Any]) -> None:
        self.messages += 1
        headers = decoded_headers(record)
        if headers.get("ce_id") in self.facts:  # a copy of a fact already taken is not parsed again
            return
        row = parse(record, headers)
        if row is None:
            self.skipped += 1
        elif row[0] not in self.facts:
            self.facts[row[0]] = row
            self.fresh.append(row)


class TopicReader:
    """A consumer without a group: assigned every partition of the fact topics, from the beginning."""

    def __init__(self, bootstrap: str) -> None:
        self.consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, enable_auto_commit=False, max_partition_fetch_bytes=FETCH_BYTES
        )
        self.partitions: list[TopicPartition] = []

    async def __aenter__(self) -> TopicReader:
        await self.consumer.start()
        for topic in fact_topics():
            found = self.consumer.partitions_for_topic(topic) or set()
            self.partitions += [TopicPartition(topic, p) for p in sorted(found)]
        if self.partitions:
            self.consumer.assign(self.partitions)
            await self.consumer.seek_to_beginning(*self.partitions)
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.consumer.stop()

    async def ends(self) -> dict[TopicPartition, int]:
        if not self.partitions:
            return {}
        return await self.consumer.end_offsets(self.partitions)  # type: ignore[no-any-return]

    async def size(self) -> int:
        """Messages on the fact topics now (end minus beginning offsets)."""
        if not self.partitions:
            return 0
        starts = await self.consumer.beginning_offsets(self.partitions)
        return sum(end - starts[tp] for tp, end in (await self.ends()).items())

    async def read_until(
        self, replay: Replay, ends: dict[TopicPartition, int], step: Callable[[int], None] = lambda n: None
    ) -> None:
        """Read on until every partition has been read up to `ends`."""
        if self.partitions:
            for tp, start in (await self.consumer.beginning_offsets(self.partitions)).items():
                replay.positions.setdefault(tp, start)
        while any(replay.positions.get(tp, 0) < end for tp, end in ends.items()):
            batches = await self.consumer.getmany(timeout_ms=500, max_records=10_000)
            for partition, records in batches.items():
                replay.take_all(partition, records)
            step(sum(len(records) for records in batches.values()))
