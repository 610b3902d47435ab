"""What the inbox hands a handler, and the words it has for a message it cannot take.

A `Delivery` is where a fact came from: its envelope and its position on the bus, from which a handler takes its
dedupe position (`tracking`). `Unprocessable` is the one error kind the inbox knows: raised by a parser or a
handler, it sends the message to the dead letters at once. The infrastructure errors are the ones after which a
message is not committed at all, so it is delivered again once the store is back. `in_thread` marks a synchronous
handler: the inbox runs a batch's calls of such handlers in one worker-thread hop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import asyncpg
import psycopg
from eventsourcing.persistence import OperationalError, Tracking
from pydantic import ValidationError

from contracts.envelope import CloudEventHeaders
from contracts.events.base import IntegrationEvent

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
    replay: int | None = None
    """The parked message an operator re-delivered (`wijk deadletters replay`), or None."""

    @property
    def tracking(self) -> Tracking:
        """The dedupe position: the publisher's outbox sequence per (source, epoch, topic, partition).

        A store generation (`ce_epoch`, ADR 0005) numbers its positions afresh: a restored publisher's new facts
        are not taken for the old generation's.
        """
        if self.replay is not None:  # never applied before (it was parked): its own key, applied exactly once
            return Tracking(f"replay|{self.replay}", 1)
        if self.envelope.sequence is not None:
            return Tracking(f"{self.upstream}|{self.topic}|{self.partition}", self.envelope.sequence)
        return Tracking(f"offset|{self.topic}|{self.partition}", self.offset)

    @property
    def upstream(self) -> str:
        """The publisher and its store generation: `<ce_source>` or `<ce_source>#<ce_epoch>`."""
        epoch = self.envelope.epoch
        return self.envelope.source if epoch is None else f"{self.envelope.source}#{epoch}"


Handler = Callable[[Any, Delivery], Awaitable[None]]
Refusal = Callable[[Exception, Any, Delivery], Awaitable[None]]


class InThread:
    """A synchronous (eventsourcing) handler, run off the event loop.

    Called on its own it is one hop to a worker thread, keeping the trace context. The inbox does better: it calls
    `sync` for a whole run of a batch's messages in one hop (`wijk.consumer`), each message in its own span.
    """

    def __init__(self, sync: Callable[[Any, Delivery], object]) -> None:
        self.sync = sync

    async def __call__(self, event: Any, delivery: Delivery) -> None:
        await asyncio.to_thread(self.sync, event, delivery)


def in_thread(handler: Callable[[E, Delivery], object]) -> Callable[[E, Delivery], Awaitable[None]]:
    """Run a synchronous (eventsourcing) handler off the event loop, keeping the trace context: with the other
    synchronous handler calls of its batch in one worker-thread hop."""
    return InThread(handler)


class Unprocessable(Exception):
    """A message that can never be processed; it goes to the dead-letter topic at once."""


def invalid_body(exc: ValidationError, redact: bool) -> str:
    """Why a body is not a valid fact; redacted, only which fields are wrong (a message may quote the value)."""
    if redact:
        fields = sorted({".".join(str(p) for p in e["loc"]) or "body" for e in exc.errors()})
        return f"invalid body: problems in {', '.join(fields)}"
    parts = [f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()[:5]]
    return "invalid body: " + "; ".join(parts)
