"""Publish contract facts onto the fact topics as their services would: keyed by subject, CloudEvents headers."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord

from contracts.envelope import CloudEventHeaders, source_urn
from contracts.events.base import IntegrationEvent
from contracts.events.budget import BudgetAllocated, FundsReserved
from contracts.events.care import CareStarted
from contracts.events.intake import CaseOpened
from contracts.events.planning import DecisionTaken
from tests.support.stack import Stack, eventually

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def envelope(
    event: IntegrationEvent, time: datetime, event_id: str | None = None, sequence: int = 1
) -> CloudEventHeaders:
    system = event.topic.split(".")[2]  # nl.wijkteam.<system>.facts
    return CloudEventHeaders(
        id=event_id or str(uuid.uuid4()),
        source=source_urn(system),
        type=event.type,
        time=time,
        subject=event.subject,
        sequence=sequence,
    )


class Publisher:
    def __init__(self, producer: AIOKafkaProducer) -> None:
        self.producer = producer
        self.sequence = 0

    async def send(self, event: IntegrationEvent, time: datetime = T0, event_id: str | None = None) -> str:
        """Publish one fact; returns its ce_id."""
        self.sequence += 1
        headers = envelope(event, time, event_id, self.sequence)
        await self.raw(event.topic, event.subject, event.model_dump_json().encode(), headers.to_kafka_headers())
        return headers.id

    async def raw(self, topic: str, key: str, body: bytes, headers: dict[str, str]) -> None:
        encoded = [(name, value.encode()) for name, value in headers.items()]
        await self.producer.send_and_wait(topic, body, key=key.encode(), headers=encoded)


@asynccontextmanager
async def publisher(bootstrap: str) -> AsyncIterator[Publisher]:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        yield Publisher(producer)
    finally:
        await producer.stop()


async def facts_recorded(stack: Stack, expected: int, timeout: float = 60) -> dict[str, Any]:
    """Wait until reporting has recorded `expected` facts; returns GET /facts/count."""
    async with httpx.AsyncClient(base_url=stack.url("reporting")) as client:

        async def count() -> dict[str, Any]:
            return (await client.get("/facts/count")).json()  # type: ignore[no-any-return]

        return await eventually(count, lambda body: body["facts"] >= expected, timeout)


async def read_topic(bootstrap: str, topic: str, expected: int) -> list[ConsumerRecord[bytes, bytes]]:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest")
    await consumer.start()
    records: list[ConsumerRecord[bytes, bytes]] = []
    try:
        for _ in range(120):
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                records.extend(batch)
            if len(records) >= expected:
                break
    finally:
        await consumer.stop()
    return records


# Contract facts for one household, with sensible defaults.


def case_opened(household: uuid.UUID, team: str, district: str = "Haven") -> CaseOpened:
    return CaseOpened(
        household_id=household,
        case_id=uuid.uuid4(),
        request_id=uuid.uuid4(),
        district=district,
        team_id=team,
        opened_on=date(2025, 3, 3),
    )


def decision_taken(household: uuid.UUID, team: str, cents: int, decision: uuid.UUID) -> DecisionTaken:
    return DecisionTaken(
        household_id=household,
        plan_id=uuid.uuid4(),
        decision_id=decision,
        team_id=team,
        provision_code="HH01",
        budget_line="wmo",
        amount_cents=cents,
        period_start=date(2025, 3, 10),
        period_end=date(2025, 12, 31),
        decided_by="prof-1",
        decided_on=date(2025, 3, 4),
    )


def funds_reserved(household: uuid.UUID, team: str, cents: int, decision: uuid.UUID) -> FundsReserved:
    return FundsReserved(
        household_id=household,
        decision_id=decision,
        plan_id=uuid.uuid4(),
        team_id=team,
        year=2025,
        budget_line="wmo",
        amount_cents=cents,
        provision_code="HH01",
        period_start=date(2025, 3, 10),
        period_end=date(2025, 12, 31),
        decided_by="prof-1",
        decided_on=date(2025, 3, 4),
    )


def care_started(household: uuid.UUID) -> CareStarted:
    return CareStarted(
        household_id=household, assignment_id=uuid.uuid4(), provider_id="zorg-1", start_date=date(2025, 3, 10)
    )


def budget_allocated(team: str, cents: int) -> BudgetAllocated:
    return BudgetAllocated(team_id=team, year=2025, budget_line="wmo", amount_cents=cents)
