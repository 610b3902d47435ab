"""An assignment stored before its order and declarations became value objects still loads, and still publishes
the same facts (`stored/assignment_v1.json`, recorded from the code before class version 2)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest

from services.care.application import VALUE_OBJECTS
from services.care.domain.declaration import Claim
from services.care.translator import translate
from tests.support.stored_events import golden, loaded, mapper, published, read, state

pytestmark = pytest.mark.unit
STORED_V1 = golden(Path(__file__).parent / "stored" / "assignment_v1.json")


def test_an_assignment_stored_in_version_1_loads_as_it_was() -> None:
    assert state(loaded(read(STORED_V1["events"], VALUE_OBJECTS))) == STORED_V1["state"]


def test_version_1_events_publish_byte_for_byte_the_same_facts() -> None:
    events = read(STORED_V1["events"], VALUE_OBJECTS)
    assert published(events, translate) == [e["fact"] for e in STORED_V1["events"]]


def test_a_version_1_assignment_declares_in_version_2() -> None:
    assignment = loaded(read(STORED_V1["events"], VALUE_OBJECTS))
    assignment.declare(uuid4(), Claim(date(2026, 5, 1), date(2026, 5, 31), 4), 2_500, date(2026, 6, 2))
    stored = mapper(VALUE_OBJECTS).to_stored_event(assignment.collect_events()[0])
    assert json.loads(stored.state)["class_version"] == 2
    assert mapper(VALUE_OBJECTS).to_domain_event(stored).declaration.amount_cents == 4 * 2_500  # type: ignore[attr-defined]
