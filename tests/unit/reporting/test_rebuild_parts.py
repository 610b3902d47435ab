"""The rebuild's parts: where two figure sets differ, the progress bar, a fact's business day, and the replay's
parser that skips what is not a valid fact, as the inbox does."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from aiokafka import ConsumerRecord, TopicPartition

from contracts.envelope import CloudEventHeaders, source_urn
from contracts.events.budget import BudgetAllocated, FundsSpent
from contracts.events.care import CareStarted
from contracts.topics import FACT_TOPICS
from services.reporting.progress import ProgressBar
from services.reporting.projection import fact_date
from services.reporting.rebuild import FactChanges, differences
from services.reporting.replay import Replay, fact_topics, parse

OIN = "00000001003214345000"  # a municipality OIN (Almere)

pytestmark = pytest.mark.unit


def record(event: Any, offset: int = 0, body: bytes | None = None, **envelope: Any) -> ConsumerRecord[Any, Any]:
    headers = CloudEventHeaders(
        id=envelope.get("id", f"ce-{offset}"), source=source_urn("budget", OIN), type=type(event).type,
        time=datetime(2025, 1, 2, tzinfo=UTC), subject=envelope.get("subject", event.subject),
    ).to_kafka_headers()  # fmt: skip
    return ConsumerRecord(
        event.topic, 1, offset, 0, 0, None, body if body is not None else event.model_dump_json().encode(),
        None, 0, 0, [(k, v.encode()) for k, v in headers.items()],
    )  # fmt: skip


def test_differences_name_the_paths_that_differ() -> None:
    live = {"facts": {"a": 1}, "report": {"teams": [{"x": 1}, {"x": 2}], "b": None}}
    assert differences(live, live) == []
    rebuilt = {"facts": {"a": 2}, "report": {"teams": [{"x": 1}, {"x": 3}], "b": None}}
    assert differences(live, rebuilt) == ["facts.a: live 1, rebuilt 2", "report.teams[1].x: live 2, rebuilt 3"]
    assert differences({"l": [1]}, {"l": [1, 2]}) == ["l: live [1], rebuilt [1, 2]"]


def test_the_progress_bar_fills_up_on_stderr() -> None:
    out = io.StringIO()
    bar = ProgressBar("replay", 4, out, width=8)
    bar.advance(2)
    bar.advance(2)
    bar.close()
    assert "[####....]       2/4" in out.getvalue() and out.getvalue().endswith("[########]       4/4\n")
    assert ProgressBar("empty", 0, io.StringIO(), width=4).render().endswith("[####]       0/0")


def test_a_facts_business_day_is_its_first_on_date_else_its_first_date_field() -> None:
    spent = FundsSpent(
        household_id=uuid.uuid4(), decision_id=uuid.uuid4(), payment_id=uuid.uuid4(), team_id="t", year=2025,
        budget_line="wmo", amount_cents=1, from_reservation_cents=1, paid_on=date(2025, 4, 2),
    )  # fmt: skip
    started = CareStarted(
        household_id=uuid.uuid4(), assignment_id=uuid.uuid4(), provider_id="p", start_date=date(2025, 3, 1)
    )
    assert fact_date(spent) == date(2025, 4, 2) and fact_date(started) == date(2025, 3, 1)
    assert fact_date(BudgetAllocated(team_id="t", year=2025, budget_line="wmo", amount_cents=1)) is None


def test_the_replay_keeps_valid_facts_once_and_skips_the_rest() -> None:
    allocated = BudgetAllocated(team_id="t", year=2025, budget_line="wmo", amount_cents=100)
    replay = Replay()
    replay.take(record(allocated, 0, id="same"))
    replay.take(record(allocated, 1, id="same"))  # redelivered: same ce_id
    replay.take(record(allocated, 2, body=b'{"team_id": 7}'))  # breaks the contract
    replay.take(record(allocated, 3, subject="team:other"))  # subject does not match the body
    assert (replay.messages, replay.skipped, list(replay.facts)) == (4, 2, ["same"])
    assert parse(record(allocated, 5))[:2] == ("ce-5", BudgetAllocated.type)  # type: ignore[index]
    assert max(replay.positions.values()) == 4


def test_the_replay_reads_every_fact_topic() -> None:
    assert set(fact_topics()) == set(FACT_TOPICS)


def test_fact_changes_name_the_differences_and_the_rows_to_write_back() -> None:
    changes = FactChanges(
        only_rebuilt=[("b", "t1")], only_live=[("a", "t2")], different=[("c", "t3")], moved=[("d", "t4")]
    )
    assert changes.count == 4
    assert changes.live_rows() == ["a", "c", "d"] and changes.staged_rows() == ["b", "c", "d"]
    assert changes.differences() == [
        "fact a (t2): only in the live facts",
        "fact b (t1): only in the rebuilt facts",
        "fact c (t3): different in each",
    ]
    assert changes.differences(shown=1) == ["fact a (t2): only in the live facts", "... and 2 more facts"]
    assert FactChanges(moved=[("d", "t4")]).differences() == []


def test_the_replay_takes_a_partitions_fetch_and_moves_its_position() -> None:
    allocated = BudgetAllocated(team_id="t", year=2025, budget_line="wmo", amount_cents=100)
    replay = Replay()
    partition = TopicPartition(allocated.topic, 1)
    replay.take_all(partition, [record(allocated, 7, id="x"), record(allocated, 8, id="x"), record(allocated, 9)])
    assert (replay.messages, list(replay.facts), replay.positions[partition]) == (3, ["x", "ce-9"], 10)
    assert [row[0] for row in replay.drain()] == ["x", "ce-9"] and replay.drain() == []
