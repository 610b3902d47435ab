"""What the rebuild's parse costs per fact, without a broker: `python -m tooling.bench_replay`.

Builds the records `wijk bench --rebuild-facts` publishes (`tooling.bench_facts`: the same bodies and CloudEvents
headers, in memory), then feeds them to reporting's `Replay` (`services.reporting.replay`: envelope and contract
validation, the admission check, the `reporting.fact` row) `--rounds` times and prints the best round's CPU time of
this process, per fact, with the load average. The rebuild's read spends most of its CPU here (issue 14).
"""

from __future__ import annotations

import argparse
import itertools
import os
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from aiokafka import ConsumerRecord

from contracts.envelope import CloudEventHeaders, source_urn
from services.reporting.replay import Replay
from tooling.bench_facts import FACTS_PER_HOUSEHOLD, facts_of

OIN = "00000001003214345000"


def records(facts: int, year: int = 2024) -> list[ConsumerRecord[Any, Any]]:
    """About `facts` records as the bench publishes them, numbered per partition of four."""
    sequences: dict[str, itertools.count[int]] = {}
    offsets: dict[tuple[str, int], itertools.count[int]] = {}
    moment = datetime(year, 1, 1, 9, 0, tzinfo=UTC)
    found = []
    for fact in facts_of(round(facts / FACTS_PER_HOUSEHOLD), year):
        system = fact.topic.split(".")[2]
        envelope = CloudEventHeaders(
            id=str(uuid.uuid4()), source=source_urn(system, OIN), type=fact.type, time=moment,
            subject=fact.subject, sequence=next(sequences.setdefault(system, itertools.count(1))),
        )  # fmt: skip
        partition = hash(fact.subject) % 4
        offset = next(offsets.setdefault((fact.topic, partition), itertools.count()))
        headers = [(k, v.encode()) for k, v in envelope.to_kafka_headers().items()]
        value = fact.model_dump_json().encode()
        found.append(ConsumerRecord(fact.topic, partition, offset, 0, 0, None, value, None, 0, len(value), headers))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    replayed = records(args.facts)
    spent = []
    for _ in range(args.rounds):
        replay, started = Replay(), time.process_time()
        for record in replayed:
            replay.take(record)
        spent.append(time.process_time() - started)
    best = min(spent)
    print(
        f"{len(replay.facts)} facts of {len(replayed)} records: best of {args.rounds} rounds {best:.3f} s CPU, "
        f"{best / len(replayed) * 1e6:.1f} us per fact; load average {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
