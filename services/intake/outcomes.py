"""Reporting the outcome of each signal back to the partner that sent it, through the outbox.

Each registered partner has its own outcome topic, `nl.wijkteam.partner.<partner id>.outcomes`
(`contracts.topics.partner_outcomes`). One outbox relay per partner reads intake's notification log and publishes
only that partner's outcomes: a concern signal taken into a case, or the offer of help after payment arrears. The
relays use a producer of their own, started by intake's start hook (the service's broker starts later).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from faststream.kafka import KafkaBroker

from contracts.partner_signals import SignalOutcome
from contracts.topics import partner_outcomes
from services.intake.domain.partners import Partner
from services.intake.domain.signal import Signal
from wijk.kafka_security import broker_security
from wijk.relay import OutboxRelay
from wijk.service import ServiceRuntime
from wijk.topics import ensure_topics

HELP_OFFERED, RECEIVED = Signal.HelpOffered, Signal.Received  # type: ignore[attr-defined]


def outcome_of(partner_id: str) -> Callable[[Any], SignalOutcome | None]:
    """The translator for one partner's relay: its own signals' outcomes, nothing else."""

    def translate(event: Any) -> SignalOutcome | None:
        if isinstance(event, HELP_OFFERED) and event.offer.partner_id == partner_id:
            offer = event.offer
            return SignalOutcome(
                signal_id=offer.event_id, partner_id=partner_id, outcome="help_offered", reported_on=offer.offered_on
            )
        if isinstance(event, RECEIVED) and event.signal.partner_id == partner_id and event.signal.kind == "concern":
            return SignalOutcome(
                signal_id=event.signal.event_id, partner_id=partner_id, outcome="taken_into_case",
                reported_on=event.signal.received_on,
            )  # fmt: skip
        return None

    return translate


class OutcomeRelays:
    def __init__(self, runtime: ServiceRuntime, partners: list[Partner], poll_seconds: float) -> None:
        self.runtime, self.partners, self.poll_seconds = runtime, partners, poll_seconds
        self.broker: KafkaBroker | None = None
        self.relays: list[OutboxRelay] = []
        self.tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        runtime = self.runtime
        assert runtime.app is not None and runtime.pool is not None
        settings = runtime.settings
        topics = [partner_outcomes(p.id) for p in self.partners]
        await ensure_topics(settings.kafka_bootstrap, topics, settings.topic_partitions)
        self.broker = KafkaBroker(
            settings.kafka_bootstrap, client_id="wijk-intake-outcomes", security=broker_security(settings)
        )
        await self.broker.start()
        for partner, topic in zip(self.partners, topics, strict=True):
            relay = OutboxRelay(
                runtime.app, outcome_of(partner.id), self.broker, runtime.pool, topic=topic,
                source=runtime.source("intake-partner-outcomes"), bootstrap=settings.kafka_bootstrap,
                partitions=settings.topic_partitions, poll_seconds=self.poll_seconds,
                wake_on_commit=False,  # partners read outcomes in batches: polling is enough, and cheaper
            )  # fmt: skip
            self.relays.append(relay)
            self.tasks.append(asyncio.create_task(relay.run(), name=f"intake-outcomes-{partner.id}"))

    async def stop(self) -> None:
        for relay in self.relays:
            relay.stop()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        if self.broker is not None:
            await self.broker.stop()
