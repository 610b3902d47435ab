"""The inbox side: a FastStream subscriber per consumer group that validates, deduplicates and dispatches facts.

Every message is parsed as a CloudEvent and validated against its contract model. A message that is not a
valid fact goes straight to the service's dead-letter topic with the reason; so does a fact whose `ce_source` is
not the publisher of its topic (`publishers`: only planning writes planning's facts, and says so); so does one
whose handler raises
`Unprocessable` (no retry can help it). One whose handler fails otherwise is retried, and goes there after
`dead_letter_attempts` tries. Either way its partition moves on. When the store itself is unreachable the
message is not committed, so it is delivered again once the store is back.

The subscriber takes the records of one poll as a batch (at most `WIJK_CONSUMER_BATCH_RECORDS`; a poll returns as
soon as any record is there) and handles them in order, each message on its own as above: its own retries, dead
letter, jump check and span (a child of the span that published it, so `wijk trace` still follows each fact).
What a batch shares: one pass through FastStream's middlewares (one `process` span), one worker-thread hop for
each run of facts whose handlers are synchronous (`in_thread`: the eventsourcing applications), and one offset
commit at its end. A message held, dead-lettered or retried stops the run: it is settled on its own and the rest
goes on in the next hop. An error the batch cannot get past (an infrastructure error, a dead letter that cannot
be published) commits the offsets up to the last settled message of each partition and seeks every partition
back to its first unsettled one, which the next poll delivers again; a fact applied but not committed (a crash)
is recognised by its tracking position. For a service whose application batches facts (`fact_batch`,
`ServiceApplication.batches_facts`), a run's writes are one PostgreSQL transaction: each fact's tracking row still
travels with its own events; a fact whose handler fails is dropped from it, the facts before it committed, and it is
retried alone; a transaction the store refuses is applied again fact by fact. Otherwise each fact is one
transaction of its own.

Options for inboxes other than the service's own: another consumer group, registry and topics (intake's partner
signals), the error kinds that count as refusals and what to do with one (intake records a SignalRejected), and
redaction (a dead letter without the body, the key or the subject, and reasons that name fields, never values:
raw partner signals carry personal data).

A fact whose `ce_sequence` jumps past anything its publisher can have published is held (`wijk.sequence_guard`):
parked, not applied, and the dedupe position stays where it was. Every dead letter and held fact is also a row of
the service's `parked_messages` table (`wijk.parked`), which the operator's tools and the metrics read.

Deduplication lives with the effect: handlers record a `Tracking(upstream:topic:partition, sequence)` in the
same transaction as their events (or an inbox row keyed by the event id, in reporting).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import itertools
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError
from faststream.kafka import KafkaBroker, KafkaMessage
from faststream.kafka.message import FakeConsumer
from faststream.middlewares import AckPolicy
from opentelemetry import propagate, trace
from pydantic import ValidationError

from contracts.envelope import CloudEventHeaders, EnvelopeError
from contracts.events.base import IntegrationEvent
from contracts.registry import REGISTRY, EventRegistry, UnknownEventType
from contracts.topics import dead_letter, replay
from wijk.delivery import (
    INFRASTRUCTURE_ERRORS,
    Delivery,
    Handler,
    InThread,
    Refusal,
    Unprocessable,
    in_thread,
    invalid_body,
)
from wijk.metrics import ServiceMetrics
from wijk.parked import ParkedStore
from wijk.sequence_guard import SequenceGuard

if TYPE_CHECKING:
    from wijk.eventstore import FactBatch

__all__ = ["INFRASTRUCTURE_ERRORS", "Delivery", "Inbox", "Unprocessable", "in_thread"]

log = logging.getLogger(__name__)
_tracer = trace.get_tracer(__name__)
E = TypeVar("E", bound=IntegrationEvent)
REDACTED = "omitted: a raw partner signal may carry personal data"


@dataclasses.dataclass(frozen=True)
class Taken:
    """A valid fact from its topic's publisher, with the handler that applies it."""

    record: ConsumerRecord[Any, Any]
    headers: dict[str, str]
    handler: Handler
    event: Any
    delivery: Delivery


@dataclasses.dataclass(frozen=True)
class Stop:
    """Why a run of synchronous handler calls stopped before its end: the fact at `index` is held (`held` is the
    reason) or its handler raised `failed`; the facts before it are applied."""

    index: int
    held: str | None = None
    failed: Exception | None = None


class Positions:
    """The offsets of one batch: where it starts per partition and how far it is settled (applied, dead-lettered,
    held or ignored), in order. Only settled messages are ever committed."""

    def __init__(self, records: Iterable[ConsumerRecord[Any, Any]]) -> None:
        self.first: dict[TopicPartition, int] = {}
        self.end: dict[TopicPartition, int] = {}
        for record in records:
            partition = TopicPartition(record.topic, record.partition)
            self.first.setdefault(partition, record.offset)
            self.end[partition] = record.offset + 1
        self.settled: dict[TopicPartition, int] = {}
        """Per partition, the offset after its last settled message."""

    def settle(self, record: ConsumerRecord[Any, Any]) -> None:
        self.settled[TopicPartition(record.topic, record.partition)] = record.offset + 1

    async def commit(self, consumer: Any, group: str) -> None:
        """One commit for the batch: every partition up to its last settled message."""
        if not self.settled or isinstance(consumer, FakeConsumer):  # FastStream's in-memory test broker
            return
        try:
            await consumer.commit(dict(self.settled))
        except KafkaError as exc:  # a rebalance took a partition: its new owner reads it again, tracking dedupes
            log.warning("%s: committing %s failed: %r", group, self.settled, exc)

    async def rewind(self, consumer: Any, group: str) -> None:
        """After an error the batch could not get past: commit what is settled, and seek every partition back to
        its first unsettled message, which the next poll delivers again."""
        await self.commit(consumer, group)
        for partition, end in self.end.items():
            position = self.settled.get(partition, self.first[partition])
            if position < end:
                try:
                    consumer.seek(partition, position)
                except KafkaError as exc:  # no longer ours: its new owner reads it from the committed offset
                    log.warning("%s: seeking %s back to %d failed: %r", group, partition, position, exc)


class Inbox:
    """The facts one consumer group takes in, and what it does with each."""

    def __init__(
        self,
        service: str,
        broker: KafkaBroker,
        attempts: int = 3,
        retry_delay: float = 0.2,
        *,
        group: str | None = None,
        registry: EventRegistry = REGISTRY,
        topics: Iterable[str] = (),
        refusals: tuple[type[Exception], ...] = (),
        on_refusal: Refusal | None = None,
        redact: bool = False,
        session_timeout_ms: int = 10_000,
        metrics: ServiceMetrics | None = None,
        publishers: Mapping[str, str] | None = None,
        batch_records: int = 100,
        fetch_wait_ms: int = 500,
    ) -> None:
        self.service, self.broker, self.group = service, broker, group or service
        self.attempts, self.retry_delay = attempts, retry_delay
        self.registry, self.fixed_topics, self.redact = registry, tuple(topics), redact
        self.refusals, self.on_refusal = refusals, on_refusal
        self.session_timeout_ms, self.batch_records = session_timeout_ms, batch_records
        self.fetch_wait_ms = fetch_wait_ms
        self.handlers: dict[str, Handler] = {}
        self.dead_lettered = self.processed = self.refused = 0
        self.dead_letters: Counter[str] = Counter()
        """Dead letters by kind (invalid, refused, failed), for /metrics."""
        self.metrics = metrics
        self.publishers = dict(publishers or {})
        """The one `ce_source` each topic's facts may carry; a topic not named here is not checked."""
        self.parked: ParkedStore | None = None
        """Where dead letters and held facts are recorded (set by the runtime once its store is open)."""
        self.guard: SequenceGuard | None = None
        """Holds sequence jumps (set by the runtime for services that deduplicate by tracking position)."""
        self.parked_counts: dict[str, int] | None = None
        """Dead letters by kind as the parked table counts them (refreshed when /metrics is scraped)."""
        self.fact_batch: Callable[[], AbstractContextManager[Any]] | None = None
        """Opens a unit of work in the worker thread whose writes commit together (`ServiceApplication.fact_batch`,
        set by the runtime): a run of facts is then one transaction. None: each fact its own."""

    def on(self, model: type[E], handler: Callable[[E, Delivery], Awaitable[None]]) -> None:
        self.handlers[model.type] = handler

    def topics(self) -> list[str]:
        return sorted(set(self.fixed_topics) or {self.registry.model(t).topic for t in self.handlers})

    def subscribe(self) -> Any:
        """Register the subscriber on the broker (call before the broker starts): its topics and the service's
        replay topic, where an operator re-delivers parked messages. It takes the records of one poll as a batch
        (at most `batch_records`; a poll returns as soon as any record is there) and commits them itself."""
        subscriber = self.broker.subscriber(
            *self.topics(),
            replay(self.service),
            group_id=self.group,
            auto_offset_reset="earliest",
            batch=True,
            max_records=self.batch_records,
            ack_policy=AckPolicy.MANUAL,  # `receive` commits each batch up to its last settled message per partition
            session_timeout_ms=self.session_timeout_ms,
            heartbeat_interval_ms=max(100, self.session_timeout_ms // 10),
            max_poll_interval_ms=60_000 + self.retry_budget_ms(),  # a batch whose every message fails still fits
            fetch_max_wait_ms=self.fetch_wait_ms,  # on Tansu, how long a fact may wait per idle hop (settings)
            decoder=_raw_body,  # the inbox parses and validates itself: a broken body must reach the dead letters
        )
        # FastStream's batch poll pauses after an empty poll: a fact reaching an idle inbox would wait (`_poll`)
        subscriber.get_msg = functools.partial(_poll, subscriber)  # type: ignore[method-assign]
        return subscriber(self.receive)

    def retry_budget_ms(self) -> int:
        """The longest a batch can spend waiting between retries: every message failing every attempt."""
        waits = sum(self.retry_delay * attempt for attempt in range(1, self.attempts))
        return int(self.batch_records * waits * 1000)

    async def receive(self, message: KafkaMessage) -> None:
        """One poll's records, in order per partition; then one commit. An error the batch cannot get past (the
        store unreachable) commits what is settled and rewinds the rest, which the next poll delivers again."""
        raw = message.raw_message
        records: tuple[ConsumerRecord[Any, Any], ...] = tuple(raw) if isinstance(raw, tuple | list) else (raw,)
        positions = Positions(records)
        consumer = getattr(message, "consumer", None)
        try:
            await self.take_batch(records, positions)
        except Exception:
            if consumer is not None:
                await positions.rewind(consumer, self.group)
            raise
        if consumer is not None:
            await positions.commit(consumer, self.group)

    async def take_batch(self, records: Iterable[ConsumerRecord[Any, Any]], positions: Positions) -> None:
        """Each message as `take` would, in order; the facts for synchronous handlers in runs, each run in one
        worker-thread hop (`apply_run`)."""
        run: list[Taken] = []
        for record in records:
            headers = _headers(record)
            if record.topic != replay(self.service):
                checked = self.check(record, headers)
                if isinstance(checked, Taken) and isinstance(checked.handler, InThread):
                    if self.guard is not None:
                        await self.guard.know(checked.delivery)
                    run.append(checked)
                    continue
            await self.apply_run(run, positions)
            run = []
            if record.topic == replay(self.service):
                await self.replayed(record, headers)
            else:
                await self.settle(checked, record, headers)
            positions.settle(record)
        await self.apply_run(run, positions)

    async def take(
        self, record: ConsumerRecord[Any, Any], headers: dict[str, str], replayed: int | None = None
    ) -> bool:
        """Validate, check and handle one message; True when its handler applied it."""
        return await self.settle(self.check(record, headers), record, headers, replayed)

    def check(self, record: ConsumerRecord[Any, Any], headers: dict[str, str]) -> Taken | tuple[str, str] | None:
        """The fact and its handler; or the dead-letter kind and reason of a message that is not a valid fact from
        its topic's publisher; or None for a fact this inbox has no handler for."""
        try:
            event, delivery = self.parse(record, headers)
        except Unprocessable as exc:
            return "invalid", str(exc)
        handler = self.handlers.get(delivery.envelope.type)
        if handler is None:
            return None
        forged = self.forged(delivery)
        if forged is not None:
            return "forged", forged
        return Taken(record, headers, handler, event, delivery)

    async def settle(
        self,
        checked: Taken | tuple[str, str] | None,
        record: ConsumerRecord[Any, Any],
        headers: dict[str, str],
        replayed: int | None = None,
    ) -> bool:
        """One checked message on its own: dead-lettered, ignored, held or handled; True when applied."""
        if checked is None:
            return False
        if not isinstance(checked, Taken):
            await self.dead_letter(record, headers, *checked)
            return False
        delivery = checked.delivery
        if replayed is not None:  # the operator judged it: no jump check, and a dedupe key of its own
            delivery = dataclasses.replace(delivery, replay=replayed)
        elif self.guard is not None and (jump := await self.guard.jump(delivery)) is not None:
            await self.dead_letter(record, headers, "held", jump)
            return False
        return await self.dispatch(checked.handler, checked.event, delivery, record, headers)

    async def apply_run(self, run: list[Taken], positions: Positions) -> None:
        """Apply a run of facts whose handlers are synchronous, in order, in one worker-thread hop; a fact that
        is held or fails stops the hop: it is dead-lettered or retried here on its own, then the rest goes on in
        the next hop. An infrastructure error propagates: what is not applied is delivered again."""
        while run:
            stop = await asyncio.to_thread(self.apply_in_thread, run)
            applied = len(run) if stop is None else stop.index
            for taken in run[:applied]:
                positions.settle(taken.record)
            if stop is None:
                return
            taken = run[stop.index]
            if stop.held is not None:
                await self.dead_letter(taken.record, taken.headers, "held", stop.held)
            else:
                await self.dispatch(taken.handler, taken.event, taken.delivery, taken.record, taken.headers,
                                    failed=stop.failed)  # fmt: skip
            positions.settle(taken.record)
            run = run[stop.index + 1 :]

    def apply_in_thread(self, run: list[Taken]) -> Stop | None:
        """In the worker thread: each fact's jump check, then its handler in its own span (the fact's trace
        context as parent); None when all were applied. With a `fact_batch`, the run's writes are committed in one
        transaction: a fact that fails stops the run after the ones before it are committed; a transaction the
        store refuses (`BatchConflict`) is applied again fact by fact."""
        batch_of = self.fact_batch
        if batch_of is None or len(run) < 2:
            return self.apply_facts(run, None, [])
        done: list[tuple[int, Delivery, float]] = []
        batch = None
        try:
            with batch_of() as batch:
                stop = self.apply_facts(run, batch, done)
        except Exception:
            if batch is None or batch.conflict is None:
                raise  # the store is unreachable: nothing more is committed; the rest is delivered again
            conflict = batch.conflict
            self.count_applied(fact for fact in done if fact[0] < conflict)
            rest = self.apply_facts(run[conflict:], None, [])
            return None if rest is None else dataclasses.replace(rest, index=rest.index + conflict)
        self.count_applied(done)
        return stop

    def apply_facts(
        self, run: list[Taken], batch: FactBatch | None, done: list[tuple[int, Delivery, float]]
    ) -> Stop | None:
        """Apply a run fact by fact until one is held or fails. Without a batch each fact is its own transaction
        and is counted at once; in a batch a fact that fails has its waiting writes dropped, and the applied facts
        go to `done`, counted once the batch commits (the guard counts each at once: the next jump check needs it)."""
        for index, taken in enumerate(run):
            delivery = taken.delivery
            if self.guard is not None and (jump := self.guard.check(delivery)) is not None:
                return Stop(index, held=jump)
            started = time.perf_counter()
            handler = taken.handler
            assert isinstance(handler, InThread)
            if batch is not None:
                batch.begin_fact(index)
            try:
                with self.span(delivery, taken.headers):
                    handler.sync(taken.event, delivery)
            except Exception as exc:
                if batch is not None:
                    if batch.conflict is not None:
                        raise
                    batch.drop_fact()
                return Stop(index, failed=exc)
            if batch is None:
                self.applied(delivery, started)
            else:
                if self.guard is not None:
                    self.guard.applied(delivery)
                done.append((index, delivery, started))
        return None

    def count_applied(self, done: Iterable[tuple[int, Delivery, float]]) -> None:
        """The facts of a batch once their transaction is committed: counted and timed (the guard knew already)."""
        for _, delivery, started in done:
            self.processed += 1
            self.observe(delivery, started)

    async def replayed(self, record: ConsumerRecord[Any, Any], headers: dict[str, str]) -> None:
        """A parked message re-delivered by an operator: handled as at its original position, exactly once.

        Only a message of this group that the parked table holds as `replaying` is taken (the table, not the
        message, says where it was); anything else on the replay topic is ignored with a warning."""
        if headers.get("x-replay-group") != self.group or self.parked is None:
            return
        wanted = headers.get("x-replay-of", "")
        row = await self.parked.get(int(wanted)) if wanted.isascii() and wanted.isdigit() else None
        if row is None or row.status != "replaying" or row.group != self.group:
            log.warning("%s: ignoring a replay of %r that is not being replayed", self.group, wanted[:40])
            return
        original = dataclasses.replace(record, topic=row.topic, partition=row.partition, offset=row.offset)
        kept = {k: v for k, v in headers.items() if not k.startswith("x-replay-")}
        if await self.take(original, kept, replayed=row.id):
            await self.parked.replayed(row.id)
            log.info("%s: replayed %s/%d@%d", self.group, row.topic, row.partition, row.offset)

    def forged(self, delivery: Delivery) -> str | None:
        """Why a fact cannot be from its topic's publisher, or None when it can."""
        expected = self.publishers.get(delivery.topic)
        source = delivery.envelope.source
        if expected is None or source == expected:
            return None
        shown = source if len(source) <= 120 else source[:120] + "..."
        return f"ce_source {shown!r} is not the publisher of {delivery.topic} ({expected})"

    def parse(self, record: ConsumerRecord[Any, Any], headers: dict[str, str]) -> tuple[Any, Delivery]:
        try:
            envelope = CloudEventHeaders.from_kafka_headers(headers)
            event = self.registry.model(envelope.type).model_validate_json(record.value or b"")
        except (EnvelopeError, UnknownEventType) as exc:
            raise Unprocessable(str(exc)) from None
        except ValidationError as exc:
            raise Unprocessable(invalid_body(exc, self.redact)) from None
        if event.subject != envelope.subject:
            quoted = "" if self.redact else f" {envelope.subject!r} / {event.subject!r}"
            raise Unprocessable(f"ce_subject does not match the body's subject{quoted}")
        return event, Delivery(envelope, record.topic, record.partition, record.offset)

    async def dispatch(
        self,
        handler: Handler,
        event: Any,
        delivery: Delivery,
        record: ConsumerRecord[Any, Any],
        headers: dict[str, str],
        failed: Exception | None = None,
    ) -> bool:
        """Handle one fact, with retries; `failed` is its first attempt's error when that was made in a batch's
        worker-thread hop."""
        started = time.perf_counter()
        for attempt in range(1, self.attempts + 1):
            try:
                if attempt == 1 and failed is not None:
                    raise failed
                with self.span(delivery, headers):
                    await handler(event, delivery)
                self.applied(delivery, started)
                return True
            except INFRASTRUCTURE_ERRORS:
                raise  # not committed: delivered again when the store is back
            except Unprocessable as exc:
                await self.dead_letter(record, headers, "refused", str(exc))
                return False
            except self.refusals as exc:
                await self.refuse(exc, event, delivery, record, headers)
                return False
            except Exception as exc:
                log.warning("%s: handling %s failed (attempt %d): %s", self.service, delivery.envelope.id, attempt,
                            self.describe(exc))  # fmt: skip
                if attempt == self.attempts:
                    await self.dead_letter(record, headers, "failed", self.describe(exc))
                    return False
                await asyncio.sleep(self.retry_delay * attempt)
        return False

    def span(self, delivery: Delivery, headers: dict[str, str]) -> AbstractContextManager[trace.Span]:
        """The inbox's span of one fact, a child of the span that published it (its `traceparent`): a batch shares
        one FastStream span, each fact keeps its own trace."""
        name = f"{self.service} handle {delivery.envelope.type}"
        span = _tracer.start_as_current_span(name, context=propagate.extract(headers))
        return _attributed(span, self.service, delivery)

    def applied(self, delivery: Delivery, started: float) -> None:
        self.processed += 1
        if self.guard is not None:
            self.guard.applied(delivery)
        self.observe(delivery, started)

    def observe(self, delivery: Delivery, started: float) -> None:
        if self.metrics is not None:
            took, envelope = time.perf_counter() - started, delivery.envelope
            self.metrics.handled(self.group, envelope.type, envelope.source, envelope.time, took)

    async def refuse(
        self, exc: Exception, event: Any, delivery: Delivery, record: ConsumerRecord[Any, Any], headers: dict[str, str]
    ) -> None:
        """A refusal is recorded by `on_refusal` when there is one (intake's SignalRejected), and dead-lettered:
        once its cause is fixed (a partner registered), an operator can replay it."""
        if self.on_refusal is not None:
            await self.on_refusal(exc, event, delivery)
            self.refused += 1
        await self.dead_letter(record, headers, "refused", str(exc))

    def describe(self, exc: Exception) -> str:
        """A failure for the log and the dead letter; redacted, only its type (a message may quote the body)."""
        return type(exc).__name__ if self.redact else f"{type(exc).__name__}: {exc}"

    async def dead_letter(
        self, record: ConsumerRecord[Any, Any], headers: dict[str, str], kind: str, reason: str
    ) -> None:
        log.error("%s: %s %s/%d@%d: %s", self.service, "HOLDING" if kind == "held" else "dead-lettering",
                  record.topic, record.partition, record.offset, reason)  # fmt: skip
        kept = {k: v for k, v in headers.items() if k.startswith("ce_") and k != "ce_subject"}
        await self.broker.publish(
            b"" if self.redact else record.value or b"",
            dead_letter(self.service),
            key=None if self.redact else record.key,
            headers={
                **(kept if self.redact else headers),
                **({"x-dead-letter-body": REDACTED} if self.redact else {}),
                "x-dead-letter-kind": kind,
                "x-dead-letter-reason": reason[:2000],
                "x-original-topic": record.topic,
                "x-original-partition": str(record.partition),
                "x-original-offset": str(record.offset),
                "x-dead-lettered-at": datetime.now(UTC).isoformat(),
            },
        )
        if self.parked is not None:  # an unreachable store raises here: the message is redelivered, never lost
            await self.parked.park(self.group, kind, reason, record.topic, record.partition, record.offset, headers)
        self.dead_lettered += 1
        self.dead_letters[kind] += 1

    def dead_letter_counts(self) -> Counter[str]:
        """Messages parked, by kind: the parked table's count (it survives restarts; a message parked again after a
        failed replay counts once) where there is one, else what this process dead-lettered."""
        return self.dead_letters if self.parked_counts is None else Counter(self.parked_counts)


POLL_WAIT_MS = 1000
"""How long an idle inbox's poll waits for a record; it returns as soon as one is fetched."""


async def _poll(subscriber: Any, consumer: AIOKafkaConsumer) -> tuple[ConsumerRecord[Any, Any], ...]:
    """The records of one poll, in order per partition. FastStream's own batch poll sleeps `batch_timeout_ms` after
    every empty one, so a fact that arrives at an idle inbox waits up to that long more (0.2 s a hop by default):
    this one polls again at once."""
    polled = await consumer.getmany(timeout_ms=POLL_WAIT_MS, max_records=subscriber.max_records)
    return tuple(itertools.chain.from_iterable(polled.values()))


async def _raw_body(message: KafkaMessage) -> Any:
    return message.body


def _headers(record: ConsumerRecord[Any, Any]) -> dict[str, str]:
    return {k: v.decode("utf-8", "replace") for k, v in record.headers or ()}


@contextlib.contextmanager
def _attributed(started: AbstractContextManager[trace.Span], service: str, delivery: Delivery) -> Iterator[trace.Span]:
    with started as span:
        span.set_attribute("wijk.service", service)
        span.set_attribute("cloudevents.event_id", delivery.envelope.id)
        span.set_attribute("cloudevents.event_subject", delivery.envelope.subject)  # `wijk trace` finds it
        yield span
