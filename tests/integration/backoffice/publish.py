"""Drive a service from its upstream topics: publish contract facts exactly as their publisher would.

Each fact goes out as a CloudEvent in Kafka binary mode, keyed by its subject (the household), with an
increasing `sequence`, so the consumer's dedupe position behaves as it does behind a real relay.
"""

from __future__ import annotations

import itertools
from typing import Any
from uuid import uuid4

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from contracts.envelope import CloudEventHeaders, now, source_urn
from contracts.events.base import IntegrationEvent


def publisher_of(model: type[IntegrationEvent]) -> str:
    """The service that publishes a model: `nl.wijkteam.<service>.facts` -> `<service>`."""
    return model.topic.split(".")[2]


class FactPublisher:
    def __init__(self, bootstrap: str) -> None:
        self.producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
        self.sequences = itertools.count(1)

    async def __aenter__(self) -> FactPublisher:
        await self.producer.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.producer.stop()

    def envelope(self, model: type[IntegrationEvent], subject: str) -> CloudEventHeaders:
        return CloudEventHeaders(
            id=str(uuid4()),
            source=source_urn(publisher_of(model)),
            type=model.type,
            time=now(),
            subject=subject,
            sequence=next(self.sequences),
        )

    async def publish(self, fact: IntegrationEvent) -> CloudEventHeaders:
        """Publish a fact under a fresh envelope; returns the envelope so a test can republish it as is."""
        envelope = self.envelope(type(fact), fact.subject)
        await self.send(fact.topic, envelope, fact.model_dump_json().encode())
        return envelope

    async def send(self, topic: str, envelope: CloudEventHeaders, body: bytes) -> None:
        """Send any body under a given envelope (a republish, or a malformed body behind valid headers)."""
        headers = [(k, v.encode()) for k, v in envelope.to_kafka_headers().items()]
        await self.producer.send_and_wait(topic, body, key=envelope.subject.encode(), headers=headers)


async def read_topic(bootstrap: str, topic: str, expected: int, polls: int = 40) -> list[Any]:
    """Every record on `topic` from the beginning, waiting until at least `expected` have arrived."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest")
    await consumer.start()
    records: list[Any] = []
    try:
        for _ in range(polls):
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                records.extend(batch)
            if len(records) >= expected:
                break
    finally:
        await consumer.stop()
    return records


def headers_of(record: Any) -> dict[str, str]:
    return {k: v.decode() for k, v in record.headers or ()}
