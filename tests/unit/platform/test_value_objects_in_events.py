"""A value object carried whole by an event is stored as its fields and read back equal; a version 1 state that
carried its fields flattened folds into it, a field added later taking its default."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import JSONTranscoder, UUIDAsHex

from kernel.upcasting import fold
from wijk.eventstore import DateAsISO
from wijk.transcodings import ValueObjectAsDict

pytestmark = pytest.mark.unit


@dataclass(frozen=True)
class Visit:
    visit_id: UUID
    on: date
    notes: list[str]
    by: str = "team"


def transcoder() -> JSONTranscoder:
    json = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DateAsISO(), ValueObjectAsDict(Visit, "visit")):
        json.register(transcoding)
    return json


def test_a_value_object_is_stored_as_its_fields_and_read_back_equal() -> None:
    visit = Visit(uuid4(), date(2026, 3, 2), ["kitchen table"], "j.de.vries")
    stored = transcoder().encode({"visit": visit})
    assert b'"_type_":"visit"' in stored and b'"by":"j.de.vries"' in stored
    assert transcoder().decode(stored) == {"visit": visit}


def test_a_flattened_version_1_state_folds_into_the_value_object() -> None:
    visit_id = uuid4()
    state = {"timestamp": "t", "visit_id": visit_id, "on": date(2026, 3, 2), "notes": []}
    fold(Visit, state, "visit")
    assert state == {"timestamp": "t", "visit": Visit(visit_id, date(2026, 3, 2), [], "team")}


def test_only_a_dataclass_can_be_carried_whole() -> None:
    with pytest.raises(TypeError, match="not a dataclass"):
        ValueObjectAsDict(dict, "dict")
