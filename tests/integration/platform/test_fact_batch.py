"""A run of facts in one transaction (`ServiceApplication.fact_batch`, driven by the inbox): what each fact
guaranteed alone still holds. A fact that fails leaves the ones before it committed and is retried alone; the
store failing commits nothing new and the batch is delivered again; two facts for one aggregate in a batch go on
from each other; a transaction the store refuses (a concurrent writer) is applied again fact by fact."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import OperationalError, Tracking

from contracts.events.intake import DebtConcernFlagged
from tests.unit.platform.test_batch_inbox import SOURCE, Broker, Consumer, Message, record
from wijk.consumer import Delivery, Inbox, in_thread
from wijk.eventstore import ServiceApplication
from wijk.settings import PlatformSettings

pytestmark = pytest.mark.integration


class Counter(Aggregate):
    @event("Counted")
    def count(self) -> None:
        self.counted = getattr(self, "counted", 0) + 1


class FactBatchProbe(ServiceApplication):
    name = "fact_batch_probe"  # this test's alone in the session's database
    batches_facts = True


@pytest.fixture
def app(infra: PlatformSettings) -> Iterator[FactBatchProbe]:
    probe = FactBatchProbe(infra)
    yield probe
    probe.close()


class Counting:
    """The handler: counts the fact on one counter; raises after recording where it is told to, once."""

    def __init__(self, app: FactBatchProbe, counter_id: UUID, fails_once: tuple[int, ...] = ()) -> None:
        self.app, self.counter_id, self.fails_once = app, counter_id, set(fails_once)

    def __call__(self, event: DebtConcernFlagged, delivery: Delivery) -> None:
        if self.app.already_processed(delivery.tracking):
            return
        counter: Counter = self.app.repository.get(self.counter_id)
        counter.count()
        self.app.record_processed(delivery.tracking, counter)
        if delivery.offset in self.fails_once:
            self.fails_once.discard(delivery.offset)
            raise ValueError("failed after recording")


def inbox_for(app: FactBatchProbe, handler: Counting) -> Inbox:
    inbox = Inbox("debt", Broker(), attempts=2, retry_delay=0.0)  # type: ignore[arg-type]
    inbox.on(DebtConcernFlagged, in_thread(handler))
    inbox.fact_batch = app.fact_batch
    return inbox


def spy(app: FactBatchProbe, monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The offsets (tracking positions - 1) each transaction of the recorder wrote, in order (a single fact's
    `insert_events` is an `insert_batch` of one)."""
    written: list[list[int]] = []
    recorder: Any = app.recorder
    batch = recorder.insert_batch

    def insert_batch(items: Any) -> Any:
        result = batch(items)
        offsets = [k["tracking"].notification_id - 1 for _, k in items if k.get("tracking") is not None]
        if offsets:
            written.append(offsets)
        return result

    monkeypatch.setattr(recorder, "insert_batch", insert_batch)
    return written


def tracked(app: FactBatchProbe, partition: int, offsets: range) -> list[int]:
    """The offsets whose fact is recorded as processed (a fact's sequence is its offset + 1)."""
    name = f"{SOURCE}|{DebtConcernFlagged.topic}|{partition}"
    return [o for o in offsets if app.already_processed(Tracking(name, o + 1))]


def new_counter(app: FactBatchProbe) -> UUID:
    counter = Counter()
    app.save(counter)
    return counter.id  # type: ignore[no-any-return]


async def test_facts_for_one_aggregate_are_one_transaction_and_go_on_from_each_other(
    app: FactBatchProbe, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter_id = new_counter(app)
    written = spy(app, monkeypatch)
    inbox = inbox_for(app, Counting(app, counter_id))
    await inbox.receive(Message([record(0, o) for o in range(5)], Consumer()))  # type: ignore[arg-type]
    assert written == [[0, 1, 2, 3, 4]]
    assert app.repository.get(counter_id).counted == 5
    assert tracked(app, 0, range(5)) == [0, 1, 2, 3, 4]
    assert inbox.processed == 5


async def test_a_fact_failing_mid_batch_leaves_those_before_committed_and_is_retried_alone(
    app: FactBatchProbe, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter_id = new_counter(app)
    written = spy(app, monkeypatch)
    inbox = inbox_for(app, Counting(app, counter_id, fails_once=(12,)))
    bus = Consumer()
    await inbox.receive(Message([record(1, o) for o in range(10, 15)], bus))  # type: ignore[arg-type]
    # its own recorded writes were dropped with it: the retry counts it once, on its own
    assert written == [[10, 11], [12], [13, 14]]
    assert app.repository.get(counter_id).counted == 5
    assert tracked(app, 1, range(10, 15)) == [10, 11, 12, 13, 14]
    assert inbox.dead_lettered == 0


async def test_the_store_failing_commits_nothing_new_and_the_batch_applies_once_when_delivered_again(
    app: FactBatchProbe, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter_id = new_counter(app)
    recorder: Any = app.recorder
    real = recorder.insert_batch

    def down(items: Any) -> Any:
        raise OperationalError("the store is down")

    monkeypatch.setattr(recorder, "insert_batch", down)
    inbox = inbox_for(app, Counting(app, counter_id))
    bus = Consumer()
    records = [record(2, o) for o in range(20, 24)]
    with pytest.raises(OperationalError):
        await inbox.receive(Message(records, bus))  # type: ignore[arg-type]
    assert getattr(app.repository.get(counter_id), "counted", 0) == 0
    assert tracked(app, 2, range(20, 24)) == []
    assert inbox.processed == 0 and bus.commits == []
    monkeypatch.setattr(recorder, "insert_batch", real)
    await inbox.receive(Message(records, bus))  # type: ignore[arg-type]
    assert app.repository.get(counter_id).counted == 4
    assert tracked(app, 2, range(20, 24)) == [20, 21, 22, 23]


async def test_a_batch_the_store_refuses_is_applied_again_fact_by_fact(
    app: FactBatchProbe, infra: PlatformSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter_id = new_counter(app)
    other = FactBatchProbe(infra)  # another writer, as a command in another process
    handler = Counting(app, counter_id)

    def meddling(event: DebtConcernFlagged, delivery: Delivery) -> None:
        handler(event, delivery)
        if delivery.offset == 31:  # the counter changes under the waiting batch
            theirs: Counter = other.repository.get(counter_id)
            theirs.count()
            other.save(theirs)

    written = spy(app, monkeypatch)
    inbox = Inbox("debt", Broker(), attempts=2, retry_delay=0.0)  # type: ignore[arg-type]
    inbox.on(DebtConcernFlagged, in_thread(meddling))
    inbox.fact_batch = app.fact_batch
    try:
        await inbox.receive(Message([record(3, o) for o in range(30, 34)], Consumer()))  # type: ignore[arg-type]
    finally:
        other.close()
    assert written[-4:] == [[30], [31], [32], [33]]  # the refused transaction wrote nothing; then one by one
    assert app.repository.get(counter_id).counted == 4 + 1 + 1  # ours; theirs; theirs again on the retried run
    assert tracked(app, 3, range(30, 34)) == [30, 31, 32, 33]
