"""A decision is cancelled once, with who and why; the fact goes to budget; funds learned later do not undo it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest

from contracts.events.planning import DecisionCancelled
from kernel.errors import Refused
from services.planning.domain.mandates import NotMandated
from services.planning.domain.plan import Plan
from services.planning.domain.plan_cancellation import CancellerNotRegistered, DecisionNotCancellable
from services.planning.domain.plan_team import PlanConflict
from services.planning.translator import translate
from tests.unit.planning.factories import decision, names, plan

pytestmark = pytest.mark.unit
ON = date(2026, 5, 4)
WHY = "the household moved to another municipality"


def taken() -> tuple[Plan, uuid.UUID]:
    p, d = plan(), decision()
    p.take_decision(d)
    p.collect_events()
    return p, d.decision_id


def replayed(events: Sequence[Any]) -> Plan:
    rebuilt = None
    for domain_event in events:
        rebuilt = domain_event.mutate(rebuilt)
    assert isinstance(rebuilt, Plan)
    return rebuilt


def test_a_taken_decision_is_cancelled_with_who_and_why_and_published() -> None:
    p, decision_id = plan(), decision().decision_id
    p.take_decision(decision(decision_id=decision_id))
    p.cancel_decision(decision_id, "t.visser", WHY, ON)
    events = p.collect_events()
    assert replayed(events).decisions[decision_id].status == "cancelled"
    fact = translate(events[-1])
    assert isinstance(fact, DecisionCancelled)
    assert fact.model_dump() == {
        "household_id": p.household_id,
        "plan_id": p.id,
        "decision_id": decision_id,
        "team_id": "wijkteam-haven",
        "cancelled_by": "t.visser",
        "reason": WHY,
        "cancelled_on": ON,
        "replaced_by": None,
    }
    assert p.decisions[decision_id].reason == WHY


@pytest.mark.parametrize("learn", ["reserved", "escalated"])
def test_a_funded_or_escalated_decision_can_be_cancelled(learn: str) -> None:
    p, d = plan(), decision()
    if learn == "reserved":
        p.take_decision(d)
        p.learn_funds_reserved(d.decision_id)
    else:
        p.escalate(d, "above the mandate")
    p.collect_events()
    p.cancel_decision(d.decision_id, "t.visser", WHY, ON)
    assert names(p) == ["DecisionCancelled"] and p.decisions[d.decision_id].status == "cancelled"


def test_a_second_cancellation_is_refused_as_a_conflict() -> None:
    p, decision_id = taken()
    p.cancel_decision(decision_id, "t.visser", WHY, ON)
    with pytest.raises(DecisionNotCancellable, match="is cancelled"):
        p.cancel_decision(decision_id, "t.visser", WHY, ON)
    assert names(p) == ["DecisionCancelled"]


def test_a_decision_whose_funds_were_refused_cannot_be_cancelled() -> None:
    p, decision_id = taken()
    p.learn_funds_refused(decision_id, "no money")
    with pytest.raises(DecisionNotCancellable, match="funds_refused"):
        p.cancel_decision(decision_id, "t.visser", WHY, ON)


def test_an_unknown_decision_is_refused_as_a_conflict() -> None:
    p, _ = taken()
    with pytest.raises(DecisionNotCancellable, match="has no decision"):
        p.cancel_decision(uuid.uuid4(), "t.visser", WHY, ON)
    assert issubclass(DecisionNotCancellable, PlanConflict)  # HTTP 409


@pytest.mark.parametrize(("by", "why"), [("t.visser", "  "), (" ", WHY)])
def test_a_cancellation_names_its_professional_and_reason(by: str, why: str) -> None:
    p, decision_id = taken()
    with pytest.raises(Refused, match="cancel"):
        p.cancel_decision(decision_id, by, why, ON)
    assert p.decisions[decision_id].status == "taken"


def test_someone_outside_the_register_is_refused_like_an_unmandated_professional() -> None:
    assert issubclass(CancellerNotRegistered, NotMandated)  # HTTP 403


def test_funds_learned_after_the_cancellation_leave_it_cancelled() -> None:
    p, decision_id = taken()
    p.cancel_decision(decision_id, "t.visser", WHY, ON)
    p.learn_funds_reserved(decision_id)
    p.learn_funds_refused(decision_id, "no money")
    assert names(p) == ["DecisionCancelled"]
    assert (p.decisions[decision_id].status, p.decisions[decision_id].reason) == ("cancelled", WHY)
