"""The inbox takes one poll's records as a batch: its synchronous handlers in one worker-thread hop, one offset
commit at the end; every message keeps its own retries, dead letter, jump check and trace.

The broker and the consumer are stand-ins that record what the inbox publishes, commits and seeks; the handlers
are real functions run in real worker threads. What the real broker and store add (redelivery after a rewind,
dedupe by tracking) is tests/integration/platform/test_batch_inbox.py.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from aiokafka import ConsumerRecord, TopicPartition
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from contracts.envelope import CloudEventHeaders, now, source_urn
from contracts.events.intake import DebtConcernFlagged
from contracts.topics import dead_letter
from wijk import consumer
from wijk.consumer import Delivery, Inbox, in_thread
from wijk.sequence_guard import SequenceGuard

pytestmark = pytest.mark.unit
TOPIC = DebtConcernFlagged.topic
SOURCE = source_urn("intake", "00000001234567890000")


class Broker:
    """Records what the inbox publishes (its dead letters)."""

    def __init__(self) -> None:
        self.published: list[tuple[str, dict[str, str]]] = []

    async def publish(self, body: bytes, topic: str, key: bytes | None = None, headers: Any = None) -> None:
        self.published.append((topic, dict(headers or {})))

    def dead_letters(self) -> list[tuple[str, int]]:
        return [(h["x-dead-letter-kind"], int(h["x-original-offset"])) for t, h in self.published
                if t == dead_letter("debt")]  # fmt: skip


class Consumer:
    """Records the commits and seeks of the inbox."""

    def __init__(self) -> None:
        self.commits: list[dict[TopicPartition, int]] = []
        self.seeks: dict[TopicPartition, int] = {}

    async def commit(self, offsets: dict[TopicPartition, int]) -> None:
        self.commits.append(offsets)

    def seek(self, partition: TopicPartition, offset: int) -> None:
        self.seeks[partition] = offset


class Message:
    def __init__(self, records: list[ConsumerRecord[Any, Any]], consumer: Consumer) -> None:
        self.raw_message, self.consumer = tuple(records), consumer


def record(partition: int, offset: int, sequence: int | None = None, trace_id: int = 0) -> ConsumerRecord[Any, Any]:
    fact = DebtConcernFlagged(household_id=uuid.uuid4(), case_id=uuid.uuid4(), team_id="wijkteam-haven",
                              flagged_on=date(2026, 3, 2))  # fmt: skip
    sequence = offset + 1 if sequence is None else sequence
    envelope = CloudEventHeaders(id=f"{partition}-{offset}", source=SOURCE, type=fact.type, time=now(),
                                 subject=fact.subject, sequence=sequence)  # fmt: skip
    headers = envelope.to_kafka_headers()
    if trace_id:
        headers["traceparent"] = f"00-{trace_id:032x}-{trace_id:016x}-01"
    raw = tuple((k, v.encode()) for k, v in headers.items())
    body = fact.model_dump_json().encode()
    return ConsumerRecord(TOPIC, partition, offset, 0, 0, fact.subject.encode(), body, None, 0, 0, raw)


class Handler:
    """A synchronous handler (as the eventsourcing applications' are) that fails where it is told to."""

    def __init__(self, fails: Callable[[Delivery, int], Exception | None] = lambda d, n: None) -> None:
        self.fails, self.calls, self.applied = fails, 0, []  # type: ignore[var-annotated]
        self.tried: dict[tuple[int, int], int] = {}

    def __call__(self, event: DebtConcernFlagged, delivery: Delivery) -> None:
        self.calls += 1
        key = (delivery.partition, delivery.offset)
        self.tried[key] = self.tried.get(key, 0) + 1
        error = self.fails(delivery, self.tried[key])
        if error is not None:
            raise error
        self.applied.append(key)


def inbox_with(handler: Handler, guard: SequenceGuard | None = None) -> tuple[Inbox, Broker]:
    broker = Broker()
    inbox = Inbox("debt", broker, attempts=2, retry_delay=0.0)  # type: ignore[arg-type]
    inbox.on(DebtConcernFlagged, in_thread(handler))
    inbox.guard = guard
    return inbox, broker


def hops(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the worker-thread hops of the inbox: those made in the calling test's task, not by a stack that an
    earlier test of this worker left running in the session's event loop."""
    counted: list[int] = []
    real, mine = asyncio.to_thread, asyncio.current_task()

    async def counting(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        if asyncio.current_task() is mine:
            counted.append(1)
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(consumer.asyncio, "to_thread", counting)
    return counted


async def test_a_batch_of_synchronous_handlers_is_one_thread_hop_and_one_commit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handler, bus = Handler(), Consumer()
    inbox, _ = inbox_with(handler)
    counted = hops(monkeypatch)
    await inbox.receive(Message([record(0, o) for o in range(5)] + [record(1, 7)], bus))  # type: ignore[arg-type]
    assert handler.applied == [(0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (1, 7)]
    assert len(counted) == 1
    assert bus.commits == [{TopicPartition(TOPIC, 0): 5, TopicPartition(TOPIC, 1): 8}]
    assert inbox.processed == 6


async def test_the_middle_message_failing_for_good_is_dead_lettered_alone_and_the_batch_commits_past_it() -> None:
    handler = Handler(lambda d, n: ValueError("no such household") if d.offset == 11 else None)
    inbox, broker = inbox_with(handler)
    bus = Consumer()
    await inbox.receive(Message([record(0, 10), record(0, 11), record(0, 12)], bus))  # type: ignore[arg-type]
    assert handler.applied == [(0, 10), (0, 12)]
    assert handler.tried[(0, 11)] == 2  # its own retries: `attempts`
    assert broker.dead_letters() == [("failed", 11)]
    assert bus.commits == [{TopicPartition(TOPIC, 0): 13}] and bus.seeks == {}


async def test_a_message_that_succeeds_on_retry_is_applied_in_order() -> None:
    handler = Handler(lambda d, n: RuntimeError("conflict") if d.offset == 1 and n == 1 else None)
    inbox, broker = inbox_with(handler)
    bus = Consumer()
    await inbox.receive(Message([record(0, o) for o in range(3)], bus))  # type: ignore[arg-type]
    assert handler.applied == [(0, 0), (0, 1), (0, 2)]
    assert broker.published == [] and bus.commits == [{TopicPartition(TOPIC, 0): 3}]


async def test_an_infrastructure_error_commits_what_was_applied_and_rewinds_the_rest() -> None:
    """The store goes away at the second message of partition 0: the first is committed, partition 0 is sought
    back to the failed message and partition 1 (not reached) to its first; the next poll applies each once."""
    handler = Handler(lambda d, n: OSError("store unreachable") if (d.partition, d.offset, n) == (0, 1, 1) else None)
    inbox, broker = inbox_with(handler)
    bus = Consumer()
    batch = [record(0, 0), record(0, 1), record(0, 2), record(1, 0), record(1, 1)]
    with pytest.raises(OSError):
        await inbox.receive(Message(batch, bus))  # type: ignore[arg-type]
    assert handler.applied == [(0, 0)]
    assert bus.commits == [{TopicPartition(TOPIC, 0): 1}]
    assert bus.seeks == {TopicPartition(TOPIC, 0): 1, TopicPartition(TOPIC, 1): 0}

    redelivered = [r for r in batch if r.offset >= bus.seeks[TopicPartition(r.topic, r.partition)]]
    await inbox.receive(Message(redelivered, bus))  # type: ignore[arg-type]
    assert sorted(handler.applied) == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)]  # each once
    assert bus.commits[-1] == {TopicPartition(TOPIC, 0): 3, TopicPartition(TOPIC, 1): 2}
    assert broker.published == []


async def test_a_sequence_jump_in_the_middle_is_held_and_the_facts_after_it_are_checked_against_those_before() -> None:
    async def known(source: str) -> int:
        return 0

    handler = Handler()
    inbox, broker = inbox_with(handler, SequenceGuard(known, limit=3))
    bus = Consumer()
    batch = [record(0, 0, sequence=3), record(0, 1, sequence=1_000_000), record(0, 2, sequence=5)]
    await inbox.receive(Message(batch, bus))  # type: ignore[arg-type]
    # 5 is within 3 of 3, applied just before it in the same hop; 1 000 000 is held
    assert handler.applied == [(0, 0), (0, 2)]
    assert broker.dead_letters() == [("held", 1)]
    assert bus.commits == [{TopicPartition(TOPIC, 0): 3}]


async def test_every_message_of_a_batch_is_handled_in_its_own_span_under_its_own_trace(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spans = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    monkeypatch.setattr(consumer, "_tracer", provider.get_tracer("test"))
    seen: list[tuple[int, str]] = []

    def handle(event: DebtConcernFlagged, delivery: Delivery) -> None:
        seen.append((trace.get_current_span().get_span_context().trace_id, threading.current_thread().name))

    inbox = Inbox("debt", Broker())  # type: ignore[arg-type]
    inbox.on(DebtConcernFlagged, in_thread(handle))
    batch = [record(0, o, trace_id=100 + o) for o in range(3)]
    await inbox.receive(Message(batch, Consumer()))  # type: ignore[arg-type]
    assert [trace_id for trace_id, _ in seen] == [100, 101, 102]
    assert len({thread for _, thread in seen}) == 1
    finished = spans.get_finished_spans()
    assert [(s.context.trace_id, s.parent.span_id if s.parent else None) for s in finished] == [
        (100 + o, 100 + o) for o in range(3)
    ]
    assert [(s.attributes or {})["cloudevents.event_subject"] for s in finished] == [r.key.decode() for r in batch]
