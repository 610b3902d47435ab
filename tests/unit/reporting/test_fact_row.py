"""A delivered fact becomes one `reporting.fact` row: envelope, bus position and the body as JSON."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

import pytest

from contracts.envelope import CloudEventHeaders, source_urn
from contracts.events.care import CareStarted
from services.reporting.projection import fact_row
from wijk.consumer import Delivery

OIN = "00000001003214345000"  # a municipality OIN (Almere)

pytestmark = pytest.mark.unit


def test_the_row_carries_envelope_position_and_body() -> None:
    household = uuid.uuid4()
    event = CareStarted(
        household_id=household, assignment_id=uuid.uuid4(), provider_id="p", start_date=date(2025, 3, 1)
    )
    envelope = CloudEventHeaders(
        id="ce-1",
        source=source_urn("care", OIN),
        type=CareStarted.type,
        time=datetime(2025, 3, 1, 8, 0, tzinfo=UTC),
        subject=str(household),
    )
    row = fact_row(event, Delivery(envelope, CareStarted.topic, 2, 41))
    assert row[:8] == (
        "ce-1",
        CareStarted.type,
        source_urn("care", OIN),
        str(household),
        datetime(2025, 3, 1, 8, 0, tzinfo=UTC),
        CareStarted.topic,
        2,
        41,
    )
    assert json.loads(row[8])["start_date"] == "2025-03-01"
