"""The partner side of intake's inbox: signals from schools, GPs, landlords, energy and water companies and
health insurers, each on its own topic per partner type, as CloudEvents.

A message that is not a valid signal goes to intake's dead-letter topic WITHOUT its body (raw signals carry
personal data; the x-original-* headers point to the message on the partner's topic, kept only for that topic's
retention). A valid signal
from a source not registered for that topic (or not allowed that kind) is refused and recorded as SignalRejected.
Everything else is taken into a household's case; a redelivered signal (same source and ce_id) changes nothing.

The raw signal itself stays on the partner's topic until the broker's retention removes it, also after the
household is erased: intake does not truncate the topic (the embedded broker cannot, DeleteRecords panics there).
That residual window is docs/adr/0003-privacy.md, "Residual window".
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

from aiokafka import ConsumerRecord
from faststream.kafka import KafkaBroker, KafkaMessage
from faststream.middlewares import AckPolicy
from pydantic import ValidationError

from contracts.envelope import CloudEventHeaders, EnvelopeError
from contracts.partner_signals import PARTNER_SIGNALS, PartnerSignal
from contracts.registry import UnknownEventType
from contracts.topics import PARTNER_TYPES, dead_letter, partner_signals
from kernel.clock import today
from kernel.errors import Refused
from services.intake.application import IntakeApplication
from services.intake.domain.partners import PartnerRegistry, SignalRefused

log = logging.getLogger(__name__)
SIGNAL_TOPICS = tuple(partner_signals(t) for t in PARTNER_TYPES)


class PartnerInbox:
    def __init__(self, app: IntakeApplication, partners: PartnerRegistry, broker: KafkaBroker) -> None:
        self.app, self.partners, self.broker = app, partners, broker
        self.taken = self.rejected = self.dead_lettered = 0

    def subscribe(self) -> None:
        subscriber = self.broker.subscriber(
            *SIGNAL_TOPICS,
            group_id="intake-partners",
            auto_offset_reset="earliest",
            ack_policy=AckPolicy.NACK_ON_ERROR,
            session_timeout_ms=10_000,
            heartbeat_interval_ms=1_000,
            decoder=_raw_body,
        )
        subscriber(self.receive)

    async def receive(self, message: KafkaMessage) -> None:
        record: ConsumerRecord[Any, Any] = message.raw_message  # type: ignore[assignment]
        headers = {k: v.decode("utf-8", "replace") for k, v in record.headers or ()}
        try:
            envelope, signal = parse(record, headers)
        except ValueError as exc:
            await self.dead_letter(record, headers, str(exc))
            return
        try:
            partner = self.partners.admit(envelope.source, record.topic, signal.kind)
        except SignalRefused as exc:
            await asyncio.to_thread(
                self.app.reject_signal, envelope.source, record.topic, envelope.id, str(exc), today()
            )
            self.rejected += 1
            return
        try:
            await asyncio.to_thread(self.app.take_signal, signal, partner, envelope.id, today())
        except Refused as exc:  # e.g. no household matches and the postcode lies outside every district
            await self.dead_letter(record, headers, f"refused: {exc}")
            return
        self.taken += 1

    async def dead_letter(self, record: ConsumerRecord[Any, Any], headers: dict[str, str], reason: str) -> None:
        log.error("intake: dead-lettering partner signal %s/%d@%d: %s", record.topic, record.partition,
                  record.offset, reason)  # fmt: skip
        await self.broker.publish(
            b"",
            dead_letter("intake"),
            key=None,
            headers={
                **{k: v for k, v in headers.items() if k.startswith("ce_") and k != "ce_subject"},
                "x-dead-letter-kind": "invalid",
                "x-dead-letter-reason": reason[:2000],
                "x-dead-letter-body": "omitted: a raw partner signal may carry personal data",
                "x-original-topic": record.topic,
                "x-original-partition": str(record.partition),
                "x-original-offset": str(record.offset),
                "x-dead-lettered-at": datetime.now(UTC).isoformat(),
            },
        )
        self.dead_lettered += 1


def parse(record: ConsumerRecord[Any, Any], headers: dict[str, str]) -> tuple[CloudEventHeaders, PartnerSignal]:
    """The envelope and the validated signal; ValueError with a reason that never quotes the body."""
    try:
        envelope = CloudEventHeaders.from_kafka_headers(headers)
        model = PARTNER_SIGNALS.model(envelope.type)
        signal = model.model_validate_json(record.value or b"")
    except (EnvelopeError, UnknownEventType) as exc:
        raise ValueError(str(exc)) from None
    except ValidationError as exc:
        fields = sorted({".".join(str(p) for p in e["loc"]) or "body" for e in exc.errors()})
        raise ValueError(f"invalid signal body: problems in {', '.join(fields)}") from None
    assert isinstance(signal, PartnerSignal)
    if signal.subject != envelope.subject:
        raise ValueError("ce_subject does not match the body's reference")
    return envelope, signal


async def _raw_body(message: KafkaMessage) -> bytes:
    return message.body
