"""The projection: every fact lands once in `reporting.fact` (the inbox), and updates the read models with it.

The insert is keyed by the CloudEvents id, so a redelivered or republished fact affects no row and changes
nothing else. The read-model update runs in the same transaction as that insert: a fact is either fully
recorded or not at all, and then it is redelivered.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import singledispatch
from typing import Any

import asyncpg

from contracts.events.base import IntegrationEvent
from contracts.events.intake import CaseOpened
from services.reporting import queries
from wijk.consumer import Delivery

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
    )


@singledispatch
async def project(event: IntegrationEvent, conn: asyncpg.Connection) -> None:
    """Most facts only need their row in `reporting.fact`; the reports count them at read time."""


@project.register
async def _(event: CaseOpened, conn: asyncpg.Connection) -> None:
    await conn.execute(queries.ASSIGN_HOUSEHOLD_TEAM, event.household_id, event.team_id, event.district)


class Projection:
    """Records every fact once; the schema is created by the start hook, before the inbox subscribes."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def start(self) -> None:
        await queries.create_schema(self.pool)

    async def handle(self, event: IntegrationEvent, delivery: Delivery) -> None:
        await self.record(event, delivery)

    async def record(self, event: IntegrationEvent, delivery: Delivery) -> bool:
        """Store the fact and project it; False when it was already recorded (a duplicate)."""
        async with self.pool.acquire() as conn, conn.transaction():
            status = await conn.execute(queries.INSERT_FACT, *fact_row(event, delivery))
            if status != INSERTED:
                return False
            await project(event, conn)
        return True
