"""Budget lines, unfunded claims and reserve draws stored before their bookings became value objects still load,
and still publish the same facts (`stored/*_v1.json`, recorded from the code before class version 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from services.budget.domain.budget_line import BudgetLine
from services.budget.domain.line_snapshot import LineSnapshot
from services.budget.releases import VALUE_OBJECTS
from services.budget.translator import translate
from tests.support.stored_events import golden, loaded, mapper, published, read, state, without_added_fields
from tests.unit.budget.claims import claim

pytestmark = pytest.mark.unit
STORED = Path(__file__).parent / "stored"
LINE_V1, OTHERS_V1 = golden(STORED / "budget_line_v1.json"), golden(STORED / "refusal_and_draw_v1.json")


def test_a_budget_line_stored_in_version_1_loads_with_the_same_books() -> None:
    line = loaded(read(LINE_V1["events"], VALUE_OBJECTS))
    assert isinstance(line, BudgetLine) and state(line) == LINE_V1["state"]


def test_an_unfunded_claim_and_a_reserve_draw_stored_in_version_1_load() -> None:
    events = read(OTHERS_V1["events"], VALUE_OBJECTS)
    assert [state(loaded(events[:1])), state(loaded(events[1:]))] == OTHERS_V1["state"]


@pytest.mark.parametrize("recorded", [LINE_V1, OTHERS_V1], ids=["line", "refusal-and-draw"])
def test_version_1_events_publish_byte_for_byte_the_same_facts(recorded: dict[str, Any]) -> None:
    facts = [e["fact"] for e in recorded["events"]]
    assert without_added_fields(published(read(recorded["events"], VALUE_OBJECTS), translate), facts) == facts


def test_a_version_1_line_snapshots_and_books_new_claims_in_version_2() -> None:
    line = loaded(read(LINE_V1["events"][:1], VALUE_OBJECTS))
    line.claim(claim(1_000))
    stored = mapper(VALUE_OBJECTS).to_stored_event(line.collect_events()[0])
    assert json.loads(stored.state)["class_version"] == 2
    reserved = mapper(VALUE_OBJECTS).to_domain_event(stored)
    assert reserved.claim.amount_cents == 1_000  # type: ignore[attr-defined]
    restored = LineSnapshot.take(line).mutate(None)
    assert restored.reservations == line.reservations and restored.remaining_cents == line.remaining_cents
