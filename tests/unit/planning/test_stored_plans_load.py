"""Plans stored before the decision became a value object still load, and still publish the same facts.

`stored/plan_v1.json` was recorded from the five-class `Plan` (before class version 2): each event as its mapper
stored it (topic and JSON state), the fact its translator made of it, and the plan's view after all of them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.utils import resolve_topic

from services.planning.application import VALUE_OBJECTS, PlanningApplication
from services.planning.domain.plan import Plan
from services.planning.translator import translate
from services.planning.views import plan_view
from tests.support.stored_events import as_stored, golden, loaded, mapper, published, read, without_added_fields
from tests.unit.planning.factories import ALMERE, decision, plan
from wijk.sealing_mapper import SealingMapper
from wijk.settings import PlatformSettings

pytestmark = pytest.mark.unit
STORED_V1 = golden(Path(__file__).parent / "stored" / "plan_v1.json")


def version_1_events() -> list[Any]:
    return read(STORED_V1["events"], VALUE_OBJECTS)


ADDED = {
    "goal_history": [],
    "investigations": {},
    "personal_plans": {},
    "required_decisions": {},
    "closed_on": None,
    "closure_reason": "",
}
DECISION_ADDED = {
    "kind": "award",
    "requested_amount_cents": None,
    "legal_ground": "",
    "legal_basis": "",
    "reasons": "",
    "replaces": None,
}


def as_in_version_1(view: dict[str, Any]) -> dict[str, Any]:
    """The view without what a plan gained later (issue 17), each at its default: each goal its first revision,
    each decision an award without motivation, the plan open."""
    assert {key: view.pop(key) for key in ADDED} == ADDED
    assert [goal.pop("revision") for goal in view["goals"]] == [1] * len(view["goals"])
    for taken in view["decisions"]:
        assert {key: taken.pop(key) for key in DECISION_ADDED} == DECISION_ADDED
    return view


def test_a_plan_stored_in_version_1_loads_as_it_was() -> None:
    assert as_in_version_1(plan_view(loaded(version_1_events()))) == STORED_V1["view"]


def test_version_1_events_publish_byte_for_byte_the_same_facts() -> None:
    recorded = [e["fact"] for e in STORED_V1["events"]]
    assert without_added_fields(published(version_1_events(), translate), recorded) == recorded


@pytest.mark.parametrize("base", ["plan_team:CoordinatedPlan", "plan_escalation:EscalatingPlan"])
def test_topics_of_the_former_base_classes_resolve_to_the_plans_events(base: str) -> None:
    topics = {e["topic"] for e in STORED_V1["events"] if base in e["topic"]}
    assert topics and all(resolve_topic(t) is getattr(Plan, t.rsplit(".", 1)[1]) for t in topics)


def test_a_version_1_plan_takes_new_decisions_in_version_2() -> None:
    old = loaded(version_1_events())
    old.take_decision(decision(life_domain="income"))
    stored = [mapper(VALUE_OBJECTS).to_stored_event(e) for e in old.collect_events()]
    assert [json.loads(s.state)["class_version"] for s in stored] == [2]
    assert loaded([*version_1_events(), mapper(VALUE_OBJECTS).to_domain_event(stored[0])]) == old


def test_a_decision_is_stored_whole_and_loads_equal() -> None:
    p = plan()
    taken = decision(deviations=[{"rule_ref": "R", "limit": "max_age", "value": 17, "actual": 18}], justification="x")
    p.take_decision(taken)
    events = p.collect_events()
    roundtrip = mapper(VALUE_OBJECTS)
    stored = roundtrip.to_stored_event(events[-1])
    state = json.loads(stored.state)
    assert stored.topic == "services.planning.domain.plan:Plan.DecisionTaken"
    assert state["class_version"] == 2 and state["decision"]["_type_"] == "planning_decision"
    assert roundtrip.to_domain_event(stored).decision == taken
    assert loaded(roundtrip.to_domain_event(roundtrip.to_stored_event(e)) for e in events).decisions == p.decisions
    assert p.decisions[taken.decision_id].deviations == taken.deviations


def test_a_plan_stored_with_plain_text_loads_through_the_sealing_mapper_and_is_stored_sealed_again() -> None:
    """Events stored before issue 18 hold their free text plain: the application's mapper (which seals free text,
    ADR 0006) reads them as they were; the same events stored now hold no plain text."""
    app = PlanningApplication(ALMERE, PlatformSettings(persistence="popo"))
    assert isinstance(app.mapper, SealingMapper)
    stored = [as_stored(e) for e in STORED_V1["events"]]
    events = [app.mapper.to_domain_event(e) for e in stored]
    assert plan_view(loaded(events)) == plan_view(loaded(version_1_events()))
    texts = {goal.goal for goal in loaded(events).goals.values()} | {
        goal.own_strength for goal in loaded(events).goals.values()
    }
    assert texts and all(texts)
    again = [app.mapper.to_stored_event(e) for e in events]
    for text in texts:
        assert all(text.encode() not in e.state for e in again), text
    assert plan_view(loaded(app.mapper.to_domain_event(e) for e in again)) == plan_view(loaded(events))
