"""The plan learns what budget did with a decision: funds reserved, or refused with the reason."""

from __future__ import annotations

import uuid

import pytest

from services.planning.domain.plan import Plan, UnknownDecision
from services.planning.translator import translate
from tests.unit.planning.factories import decision, plan

pytestmark = pytest.mark.unit
REASON = "wijkteam-haven wmo 2026: remaining 1000 cents, needed 5000"


def plan_with_decision() -> tuple[Plan, uuid.UUID]:
    p, d = plan(), decision(amount_cents=5000)
    p.take_decision(d)
    return p, d.decision_id


def replayed(p: Plan) -> Plan:
    """The plan as the repository would rebuild it from its stored events."""
    rebuilt = None
    for domain_event in p.collect_events():
        rebuilt = domain_event.mutate(rebuilt)
    assert isinstance(rebuilt, Plan)
    return rebuilt


def test_the_plan_learns_the_refusal_and_its_reason() -> None:
    p, decision_id = plan_with_decision()
    p.learn_funds_refused(decision_id, REASON)
    learned = replayed(p).decisions[decision_id]
    assert (learned.status, learned.reason) == ("funds_refused", REASON)


def test_the_plan_learns_the_reservation() -> None:
    p, decision_id = plan_with_decision()
    p.learn_funds_reserved(decision_id)
    assert replayed(p).decisions[decision_id].status == "funds_reserved"


def test_learning_the_same_outcome_twice_records_it_once() -> None:
    p, decision_id = plan_with_decision()
    p.collect_events()
    p.learn_funds_refused(decision_id, REASON)
    p.learn_funds_refused(decision_id, REASON)
    p.learn_funds_reserved(decision_id)
    p.learn_funds_reserved(decision_id)
    assert [type(e).__name__ for e in p.collect_events()] == ["FundsRefused", "FundsReserved"]


def test_what_the_plan_learns_stays_inside_planning() -> None:
    p, decision_id = plan_with_decision()
    p.learn_funds_reserved(decision_id)
    assert translate(p.collect_events()[-1]) is None


def test_an_outcome_for_an_unknown_decision_is_refused() -> None:
    p, _ = plan_with_decision()
    with pytest.raises(UnknownDecision, match="has no decision"):
        p.learn_funds_refused(uuid.uuid4(), REASON)
