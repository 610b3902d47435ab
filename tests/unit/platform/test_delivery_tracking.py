"""Dedupe positions: per publisher, topic and partition, by the publisher's outbox sequence."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contracts.envelope import CloudEventHeaders
from wijk.consumer import Delivery

pytestmark = pytest.mark.unit


def delivery(sequence: int | None, partition: int = 1, offset: int = 40) -> Delivery:
    envelope = CloudEventHeaders(
        id="x", source="urn:nld:oin:1:systeem:intake", type="t", time=datetime.now(UTC), subject="s", sequence=sequence
    )
    return Delivery(envelope, "nl.wijkteam.intake.facts", partition, offset)


def test_a_republished_fact_has_the_same_position_whatever_its_offset() -> None:
    assert delivery(12, offset=40).tracking == delivery(12, offset=977).tracking


def test_positions_are_tracked_per_partition() -> None:
    assert delivery(12, partition=0).tracking.application_name != delivery(12, partition=1).tracking.application_name


def test_a_partner_message_without_sequence_is_tracked_by_offset() -> None:
    tracking = delivery(None, offset=55).tracking
    assert tracking.notification_id == 55 and tracking.application_name.startswith("offset|")
