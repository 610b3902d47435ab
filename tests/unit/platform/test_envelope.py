"""The CloudEvents envelope: headers round-trip, ids are deterministic, bad headers are refused clearly."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contracts.envelope import CloudEventHeaders, EnvelopeError, event_id, source_urn

OIN = "00000001003214345000"  # a municipality OIN (Almere)

pytestmark = pytest.mark.unit


def envelope(**changes: object) -> CloudEventHeaders:
    fields = {
        "id": event_id(source_urn("intake", OIN), 7),
        "source": source_urn("intake", OIN),
        "type": "nl.wijkteam.intake.case-opened.v1",
        "time": datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        "subject": "2f1c6a1e-1111-4c1e-9a43-8d2f3b9e7a10",
        "sequence": 7,
    }
    return CloudEventHeaders(**{**fields, **changes})  # type: ignore[arg-type]


def test_headers_round_trip_through_kafka_binary_mode() -> None:
    original = envelope()
    headers = original.to_kafka_headers()
    assert headers["ce_specversion"] == "1.0" and headers["ce_sequence"] == "7"
    assert CloudEventHeaders.from_kafka_headers(headers) == original


def test_the_same_outbox_entry_always_gets_the_same_event_id() -> None:
    assert event_id(source_urn("intake", OIN), 7) == event_id(source_urn("intake", OIN), 7)
    assert event_id(source_urn("intake", OIN), 7) != event_id(source_urn("intake", OIN), 8)
    assert event_id(source_urn("intake", OIN), 7) != event_id(source_urn("planning", OIN), 7)


def test_source_follows_the_nl_gov_profile() -> None:
    assert source_urn("care", oin=OIN) == "urn:nld:oin:00000001003214345000:systeem:care"


def test_missing_headers_are_named() -> None:
    headers = envelope().to_kafka_headers()
    del headers["ce_subject"], headers["ce_type"]
    with pytest.raises(EnvelopeError, match="ce_type, ce_subject"):
        CloudEventHeaders.from_kafka_headers(headers)


def test_a_bad_time_or_version_is_refused() -> None:
    headers = envelope().to_kafka_headers()
    with pytest.raises(EnvelopeError, match="invalid CloudEvents headers"):
        CloudEventHeaders.from_kafka_headers({**headers, "ce_time": "yesterday"})
    with pytest.raises(EnvelopeError, match="ce_specversion"):
        CloudEventHeaders.from_kafka_headers({**headers, "ce_specversion": "0.3"})
