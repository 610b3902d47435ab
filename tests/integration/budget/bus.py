"""Facts on the real bus for planning's and budget's integration tests: publish as a service would, read back."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from contracts.envelope import CloudEventHeaders, source_urn
from contracts.events.base import IntegrationEvent
from contracts.registry import REGISTRY


async def publish(bootstrap: str, *events: IntegrationEvent, first_sequence: int = 1) -> None:
    """Publish facts keyed by subject with CloudEvents headers, numbered from `first_sequence` like an outbox."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        for sequence, event in enumerate(events, start=first_sequence):
            headers = CloudEventHeaders(
                id=str(uuid.uuid4()),
                source=source_urn(event.topic.split(".")[2]),
                type=event.type,
                time=datetime.now(UTC),
                subject=event.subject,
                sequence=sequence,
            )
            encoded = [(k, v.encode()) for k, v in headers.to_kafka_headers().items()]
            body = event.model_dump_json().encode()
            await producer.send_and_wait(event.topic, body, key=event.subject.encode(), headers=encoded)
    finally:
        await producer.stop()


async def read_facts(bootstrap: str, topic: str, expected: int, polls: int = 40) -> list[IntegrationEvent]:
    """The distinct facts on `topic`, parsed by their ce_type; stops once `expected` are read or after `polls`
    half-seconds. Delivery is at least once: a republished outbox entry keeps its ce_id and counts once."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest")
    await consumer.start()
    facts: dict[str, IntegrationEvent] = {}
    try:
        for _ in range(polls):
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                for record in batch:
                    headers = {k: v.decode() for k, v in record.headers}
                    model = REGISTRY.model(headers["ce_type"])
                    facts.setdefault(headers["ce_id"], model.model_validate_json(record.value or b""))
            if len(facts) >= expected:
                break
    finally:
        await consumer.stop()
    return list(facts.values())
