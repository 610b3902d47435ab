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
from tests.support.stored_events import golden, loaded, mapper, published, read, state, without_added_fields
from tests.unit.backoffice.factories import funded_decision, send

pytestmark = pytest.mark.unit
STORED_V1 = golden(Path(__file__).parent / "stored" / "backoffice_v1.json")


def by_aggregate(events: list[Any]) -> list[list[Any]]:
    streams: dict[UUID, list[Any]] = defaultdict(list)
    for domain_event in events:
        streams[domain_event.originator_id].append(domain_event)
    return list(streams.values())


ADDED_SINCE_V1 = {
    "withdrawal": None, "revoked_on": None, "revoked_by": None,  # a decision's (issue 17)
    "reasons": "", "inadmissible_ground": "", "appeal_deadline": None,  # an objection's (issue 17)
}  # fmt: skip
WHOLE_SINCE_V1 = ("funded", "lodged")
"""The value object a decision or objection was received with, now kept whole beside its fields (issue 17)."""
FIELDS_SINCE_V1 = (
    ", team_id='', provision_code='', budget_line='', contested_kind='award', excused=None, "
    "excusability_reasons='', excusability_judged_by='')"
)

LETTER_FIELDS_SINCE_V1 = ", team_id='', budget_line='', kind='award')"


def as_in_version_1(now: dict[str, Any], recorded: dict[str, Any]) -> dict[str, Any]:
    """The state without what the aggregate gained after version 1, each at its default."""
    added = {key: now.pop(key) for key in set(now) - set(recorded)}
    kept_whole = {key: added.pop(key) for key in WHOLE_SINCE_V1 if key in added}
    assert added == {key: value for key, value in ADDED_SINCE_V1.items() if key in added}
    assert all(v.startswith(("FundedDecision(", "LodgedObjection(")) for v in kept_whole.values())
    assert all(v.endswith(FIELDS_SINCE_V1) for k, v in kept_whole.items() if k == "lodged")
    if isinstance(now.get("letter"), str):
        now["letter"] = now["letter"].replace(LETTER_FIELDS_SINCE_V1, ")")
    return now


def test_a_decision_an_assignment_and_an_objection_stored_in_version_1_load_as_they_were() -> None:
    streams = by_aggregate(read(STORED_V1["events"], VALUE_OBJECTS))
    states = [state(loaded(stream)) for stream in streams]
    assert [as_in_version_1(s, r) for s, r in zip(states, STORED_V1["state"], strict=True)] == STORED_V1["state"]


def test_version_1_events_publish_byte_for_byte_the_same_facts() -> None:
    events = read(STORED_V1["events"], VALUE_OBJECTS)
    recorded = [e["fact"] for e in STORED_V1["events"]]
    assert without_added_fields(published(events, translate), recorded) == recorded


def test_a_letter_is_stored_whole_in_version_2() -> None:
    decision = send(funded_decision(), date(2026, 3, 4))
    received, issued = (mapper(VALUE_OBJECTS).to_stored_event(e) for e in decision.collect_events())
    assert [json.loads(s.state)["class_version"] for s in (received, issued)] == [2, 2]
    assert mapper(VALUE_OBJECTS).to_domain_event(issued).letter == decision.letter  # type: ignore[attr-defined]
