"""Decisions, assignments and objections stored before their decision, letter, provider assignment, order and
bezwaar became value objects still load, and still publish the same facts (`stored/backoffice_v1.json`, recorded
from the code before class version 2)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from services.backoffice.application import VALUE_OBJECTS
from services.backoffice.translator import translate
from tests.support.stored_events import golden, loaded, mapper, published, read, state
from tests.unit.backoffice.factories import funded_decision, send

pytestmark = pytest.mark.unit
STORED_V1 = golden(Path(__file__).parent / "stored" / "backoffice_v1.json")


def by_aggregate(events: list[Any]) -> list[list[Any]]:
    streams: dict[UUID, list[Any]] = defaultdict(list)
    for domain_event in events:
        streams[domain_event.originator_id].append(domain_event)
    return list(streams.values())


def test_a_decision_an_assignment_and_an_objection_stored_in_version_1_load_as_they_were() -> None:
    streams = by_aggregate(read(STORED_V1["events"], VALUE_OBJECTS))
    assert [state(loaded(stream)) for stream in streams] == STORED_V1["state"]


def test_version_1_events_publish_byte_for_byte_the_same_facts() -> None:
    events = read(STORED_V1["events"], VALUE_OBJECTS)
    assert published(events, translate) == [e["fact"] for e in STORED_V1["events"]]


def test_a_letter_is_stored_whole_in_version_2() -> None:
    decision = send(funded_decision(), date(2026, 3, 4))
    received, issued = (mapper(VALUE_OBJECTS).to_stored_event(e) for e in decision.collect_events())
    assert [json.loads(s.state)["class_version"] for s in (received, issued)] == [2, 2]
    assert mapper(VALUE_OBJECTS).to_domain_event(issued).letter == decision.letter  # type: ignore[attr-defined]
