"""What the inbox costs per message, by batch size: `python -m tooling.bench_inbox`.

`Inbox.receive` on valid facts (parse, checks, a recording span, the worker-thread hop) with a synchronous handler
that does nothing, in batches of 1 (one message per poll, as before the batch inbox) and of 100, CPU time of the
whole process (the worker threads too). FastStream's middlewares and the offset commit are not in it: they are
the bench's (`wijk bench`, docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import date
from typing import Any

from aiokafka import ConsumerRecord, TopicPartition
from opentelemetry.sdk.trace import TracerProvider

from contracts.envelope import CloudEventHeaders, now, source_urn
from contracts.events.intake import DebtConcernFlagged
from wijk import consumer
from wijk.consumer import Delivery, Inbox, in_thread

MESSAGES = 3_000
OIN = "00000001003214345000"


class _Consumer:
    async def commit(self, offsets: dict[TopicPartition, int]) -> None:
        return None

    def seek(self, partition: TopicPartition, offset: int) -> None:
        return None


class _Message:
    def __init__(self, records: list[ConsumerRecord[Any, Any]]) -> None:
        self.raw_message, self.consumer = tuple(records), _Consumer()


def _record(offset: int) -> ConsumerRecord[Any, Any]:
    fact = DebtConcernFlagged(household_id=uuid.uuid4(), case_id=uuid.uuid4(), team_id="wijkteam-haven",
                              flagged_on=date(2026, 3, 2))  # fmt: skip
    envelope = CloudEventHeaders(id=str(uuid.uuid4()), source=source_urn("intake", OIN), type=fact.type, time=now(),
                                 subject=fact.subject, sequence=offset + 1)  # fmt: skip
    headers = tuple((k, v.encode()) for k, v in envelope.to_kafka_headers().items())
    body = fact.model_dump_json().encode()
    return ConsumerRecord(fact.topic, 0, offset, 0, 0, fact.subject.encode(), body, None, 0, 0, headers)


def _nothing(event: DebtConcernFlagged, delivery: Delivery) -> None:
    return None


async def per_message(size: int, records: list[ConsumerRecord[Any, Any]]) -> float:
    """CPU microseconds per message through `Inbox.receive` in batches of `size`."""
    inbox = Inbox("debt", broker=None)  # type: ignore[arg-type]  # nothing is dead-lettered here
    inbox.on(DebtConcernFlagged, in_thread(_nothing))
    started = time.process_time()
    for first in range(0, len(records), size):
        await inbox.receive(_Message(records[first : first + size]))  # type: ignore[arg-type]
    took = time.process_time() - started
    assert inbox.processed == len(records)
    return took / len(records) * 1e6


async def main() -> None:
    consumer._tracer = TracerProvider().get_tracer("bench-inbox")  # recording spans, exported nowhere
    records = [_record(offset) for offset in range(MESSAGES)]
    for size in (1, 100, 1, 100):
        print(f"batches of {size:>3}: {await per_message(size, records):6.1f} us CPU per message")


if __name__ == "__main__":
    asyncio.run(main())
