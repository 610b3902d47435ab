"""Which epoch a notification was written in, and when a sequence jumps too far to be believed (ADR 0005)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contracts.envelope import CloudEventHeaders, EnvelopeError, event_id
from wijk.delivery import Delivery
from wijk.epochs import Epochs, new_epoch_name
from wijk.sequence_guard import SequenceGuard

pytestmark = pytest.mark.unit
SOURCE = "urn:nld:oin:00000001003214345000:systeem:planning"


def delivery(sequence: int | None, epoch: str | None = None, partition: int = 0) -> Delivery:
    envelope = CloudEventHeaders(id="x", source=SOURCE, type="t", time=datetime.now(UTC), subject="s",
                                 sequence=sequence, epoch=epoch)  # fmt: skip
    return Delivery(envelope, "nl.wijkteam.planning.facts", partition, 7)


def test_each_notification_belongs_to_the_epoch_it_was_written_in() -> None:
    epochs = Epochs([(40, "r2"), (10, "r1")])
    assert [epochs.of(n) for n in (1, 9, 10, 39, 40, 10**6)] == [None, None, "r1", "r1", "r2", "r2"]
    assert Epochs().of(5) is None


def test_an_epoch_keeps_its_own_dedupe_position_and_event_ids() -> None:
    assert delivery(3).tracking.application_name == f"{SOURCE}|nl.wijkteam.planning.facts|0"
    assert delivery(3, "r1").tracking.application_name == f"{SOURCE}#r1|nl.wijkteam.planning.facts|0"
    assert event_id(SOURCE, 3) != event_id(SOURCE, 3, "r1") != event_id(SOURCE, 3, "r2")


def test_epoch_names_are_unique_and_valid_headers() -> None:
    names = {new_epoch_name() for _ in range(50)}
    assert len(names) == 50
    headers = delivery(1, names.pop()).envelope.to_kafka_headers()
    assert CloudEventHeaders.from_kafka_headers(headers).epoch == headers["ce_epoch"]
    with pytest.raises(EnvelopeError, match="ce_epoch"):
        CloudEventHeaders.from_kafka_headers({**headers, "ce_epoch": "Not Valid!"})


async def test_a_sequence_far_past_the_publishers_known_position_is_held() -> None:
    asked: list[str] = []

    async def known(source: str) -> int:
        asked.append(source)
        return 500

    guard = SequenceGuard(known, limit=1_000)
    assert await guard.jump(delivery(1_500)) is None
    reason = await guard.jump(delivery(10**12))
    assert reason is not None and "jumps more than 1000" in reason and "(500)" in reason
    guard.applied(delivery(1_400, partition=3))  # another partition moves the publisher's known position on
    assert await guard.jump(delivery(2_400, "r1")) is None  # any epoch: one outbox numbers them all
    assert await guard.jump(delivery(None)) is None  # no sequence: nothing to check
    assert asked == [SOURCE]  # read from the store once, then kept
