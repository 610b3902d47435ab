"""The projection: every fact lands once in `reporting.fact`, the inbox and the read model at once.

The insert is keyed by the CloudEvents id, so a redelivered or republished fact affects no row and changes
nothing else. Every report is computed from this table at read time (`reporting.facts_at`), so there is no
other read model to keep in step: a fact is either recorded or not at all, and then it is redelivered.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime
from typing import Any

import asyncpg

from contracts.events.base import IntegrationEvent
from services.reporting import queries
from services.reporting.admission import refusal
from wijk.consumer import Delivery, Unprocessable

INSERTED = "INSERT 0 1"


def occurred_at(time: datetime) -> datetime:
    """CloudEvents `time` is RFC 3339 and carries an offset; one without is read as UTC."""
    return time if time.tzinfo is not None else time.replace(tzinfo=UTC)


def fact_row(event: IntegrationEvent, delivery: Delivery) -> tuple[Any, ...]:
    """The `reporting.fact` columns of one delivered fact, in INSERT_FACT's order."""
    envelope = delivery.envelope
    return (
        envelope.id,
        envelope.type,
        envelope.source,
        envelope.subject,
        occurred_at(envelope.time),
        delivery.topic,
        delivery.partition,
        delivery.offset,
        event.model_dump_json(),
        fact_date(event),
    )


def fact_date(event: IntegrationEvent) -> date | None:
    """The fact's own business day: its first `..._on` date field (decided_on, paid_on, received_on, ...), else
    its first `..._date` field; None when it has neither (then the day it occurred counts)."""
    for name in _day_fields(type(event)):
        value = getattr(event, name)
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
    return None


@functools.cache
def _day_fields(model: type[IntegrationEvent]) -> tuple[str, ...]:
    """The names `fact_date` looks at, in its order: every `..._on` field, then every `..._date` field."""
    return tuple(name for suffix in ("_on", "_date") for name in model.model_fields if name.endswith(suffix))


class Projection:
    """Records every fact once; the schema is created by the start hook, before the inbox subscribes."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def start(self) -> None:
        await queries.create_schema(self.pool)

    async def handle(self, event: IntegrationEvent, delivery: Delivery) -> None:
        """Record the fact; one reporting cannot count goes to the dead letters with the reason (Unprocessable)."""
        reason = refusal(event)
        if reason is not None:
            raise Unprocessable(f"reporting cannot count this fact: {reason}")
        await self.record(event, delivery)

    async def record(self, event: IntegrationEvent, delivery: Delivery) -> bool:
        """Store the fact and project it; False when it was already recorded (a duplicate).

        A lock or statement timeout (a rebuild holds the table) means the store is busy, not that the fact is bad:
        it is raised as a connection problem, so the inbox redelivers the fact instead of dead-lettering it.
        """
        try:
            async with self.pool.acquire() as conn:
                status = await conn.execute(queries.INSERT_FACT, *fact_row(event, delivery))
        except (asyncpg.LockNotAvailableError, asyncpg.QueryCanceledError) as exc:
            raise ConnectionError(f"reporting's store is busy: {exc}") from exc
        return bool(status == INSERTED)
