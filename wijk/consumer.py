"""The inbox side: one FastStream subscriber per service that validates, deduplicates and dispatches facts.

Every message is parsed as a CloudEvent and validated against its contract model. A message that is not a
valid fact goes straight to the service's dead-letter topic with the reason; one whose handler keeps failing
goes there after `dead_letter_attempts` tries. Either way its partition moves on. When the store itself is
unreachable the message is not acknowledged, so it is redelivered once the store is back.

Deduplication lives with the effect: handlers record a `Tracking(upstream:topic:partition, sequence)` in the
same transaction as their events (or an inbox row keyed by the event id, in reporting).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import asyncpg
import psycopg
from aiokafka import ConsumerRecord
from eventsourcing.persistence import OperationalError, Tracking
from faststream.kafka import KafkaBroker, KafkaMessage
from faststream.middlewares import AckPolicy
from opentelemetry import trace
from pydantic import ValidationError

from contracts.envelope import CloudEventHeaders, EnvelopeError
from contracts.events.base import IntegrationEvent
from contracts.registry import REGISTRY, UnknownEventType
from contracts.topics import dead_letter

log = logging.getLogger(__name__)
_tracer = trace.get_tracer(__name__)
E = TypeVar("E", bound=IntegrationEvent)
INFRASTRUCTURE_ERRORS = (
    OperationalError,
    psycopg.OperationalError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    OSError,
    ConnectionError,
)


@dataclass(frozen=True)
class Delivery:
    """Where a fact came from: its envelope and its position on the bus."""

    envelope: CloudEventHeaders
    topic: str
    partition: int
    offset: int

    @property
    def tracking(self) -> Tracking:
        """The dedupe position: the publisher's outbox sequence per (source, topic, partition)."""
        if self.envelope.sequence is not None:
            return Tracking(f"{self.envelope.source}|{self.topic}|{self.partition}", self.envelope.sequence)
        return Tracking(f"offset|{self.topic}|{self.partition}", self.offset)


Handler = Callable[[Any, Delivery], Awaitable[None]]


def in_thread(handler: Callable[[E, Delivery], object]) -> Callable[[E, Delivery], Awaitable[None]]:
    """Run a synchronous (eventsourcing) handler off the event loop, keeping the trace context."""

    async def run(event: E, delivery: Delivery) -> None:
        await asyncio.to_thread(handler, event, delivery)

    return run


class Unprocessable(Exception):
    """A message that can never be processed; it goes to the dead-letter topic at once."""


class Inbox:
    """The facts one service consumes, and what it does with each."""

    def __init__(self, service: str, broker: KafkaBroker, attempts: int = 3, retry_delay: float = 0.2) -> None:
        self.service, self.broker = service, broker
        self.attempts, self.retry_delay = attempts, retry_delay
        self.handlers: dict[str, Handler] = {}
        self.dead_lettered = 0
        self.processed = 0

    def on(self, model: type[E], handler: Callable[[E, Delivery], Awaitable[None]]) -> None:
        self.handlers[model.type] = handler

    def topics(self) -> list[str]:
        return sorted({REGISTRY.model(t).topic for t in self.handlers})

    def subscribe(self, topics: Iterable[str] | None = None) -> Any:
        """Register the subscriber on the broker (call before the broker starts)."""
        subscriber = self.broker.subscriber(
            *(topics or self.topics()),
            group_id=self.service,
            auto_offset_reset="earliest",
            ack_policy=AckPolicy.NACK_ON_ERROR,
            session_timeout_ms=10_000,
            heartbeat_interval_ms=1_000,
            max_poll_interval_ms=60_000,
            fetch_max_wait_ms=100,  # a fact waits at most 0.1 s in the broker per hop (default 0.5 s)
            decoder=_raw_body,  # the inbox parses and validates itself: a broken body must reach the dead letters
        )
        return subscriber(self.receive)

    async def receive(self, message: KafkaMessage) -> None:
        record: ConsumerRecord[Any, Any] = message.raw_message  # type: ignore[assignment]
        headers = {k: v.decode("utf-8", "replace") for k, v in record.headers or ()}
        try:
            event, delivery = self.parse(record, headers)
        except Unprocessable as exc:
            await self.dead_letter(record, headers, "invalid", str(exc))
            return
        handler = self.handlers.get(delivery.envelope.type)
        if handler is not None:
            await self.dispatch(handler, event, delivery, record, headers)

    def parse(self, record: ConsumerRecord[Any, Any], headers: dict[str, str]) -> tuple[Any, Delivery]:
        try:
            envelope = CloudEventHeaders.from_kafka_headers(headers)
            event = REGISTRY.model(envelope.type).model_validate_json(record.value or b"")
        except (EnvelopeError, UnknownEventType) as exc:
            raise Unprocessable(str(exc)) from exc
        except ValidationError as exc:
            raise Unprocessable(_validation_reason(exc)) from exc
        if event.subject != envelope.subject:
            raise Unprocessable(f"ce_subject {envelope.subject!r} does not match the body's {event.subject!r}")
        return event, Delivery(envelope, record.topic, record.partition, record.offset)

    async def dispatch(
        self,
        handler: Handler,
        event: Any,
        delivery: Delivery,
        record: ConsumerRecord[Any, Any],
        headers: dict[str, str],
    ) -> None:
        for attempt in range(1, self.attempts + 1):
            try:
                with _tracer.start_as_current_span(f"{self.service} handle {delivery.envelope.type}") as span:
                    span.set_attribute("wijk.service", self.service)
                    span.set_attribute("cloudevents.event_id", delivery.envelope.id)
                    await handler(event, delivery)
                self.processed += 1
                return
            except INFRASTRUCTURE_ERRORS:
                raise  # not acknowledged: redelivered when the store is back
            except Unprocessable as exc:
                await self.dead_letter(record, headers, "refused", str(exc))
                return
            except Exception as exc:
                log.warning("%s: handling %s failed (attempt %d): %r", self.service, delivery.envelope.id, attempt, exc)
                if attempt == self.attempts:
                    await self.dead_letter(record, headers, "failed", f"{type(exc).__name__}: {exc}")
                    return
                await asyncio.sleep(self.retry_delay * attempt)

    async def dead_letter(
        self, record: ConsumerRecord[Any, Any], headers: dict[str, str], kind: str, reason: str
    ) -> None:
        log.error(
            "%s: dead-lettering %s/%d@%d: %s", self.service, record.topic, record.partition, record.offset, reason
        )
        await self.broker.publish(
            record.value or b"",
            dead_letter(self.service),
            key=record.key,
            headers={
                **headers,
                "x-dead-letter-kind": kind,
                "x-dead-letter-reason": reason[:2000],
                "x-original-topic": record.topic,
                "x-original-partition": str(record.partition),
                "x-original-offset": str(record.offset),
                "x-dead-lettered-at": datetime.now(UTC).isoformat(),
            },
        )
        self.dead_lettered += 1


async def _raw_body(message: KafkaMessage) -> bytes:
    return message.body


def _validation_reason(exc: ValidationError) -> str:
    parts = [f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()[:5]]
    return "invalid body: " + "; ".join(parts)
