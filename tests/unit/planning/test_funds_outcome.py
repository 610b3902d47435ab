"""The plan learns what budget did with a decision: funds reserved, or refused with the reason."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from services.planning.domain.decision import Decision
from services.planning.domain.plan import Plan, UnknownDecision
from services.planning.translator import translate

pytestmark = pytest.mark.unit
REASON = "wijkteam-haven wmo 2026: remaining 1000 cents, needed 5000"


def plan_with_decision() -> tuple[Plan, uuid.UUID]:
    plan = Plan(uuid.uuid4(), uuid.uuid4(), "wijkteam-haven", "team:wijkteam-haven")
    decision_id = uuid.uuid4()
    plan.take_decision(
        Decision(decision_id, "wmo-x", "wmo", 5000, date(2026, 1, 1), date(2026, 6, 30), "j.de.vries", date(2026, 1, 1))
    )
    return plan, decision_id


def replayed(plan: Plan) -> Plan:
    """The plan as the repository would rebuild it from its stored events."""
    rebuilt = None
    for domain_event in plan.collect_events():
        rebuilt = domain_event.mutate(rebuilt)
    assert isinstance(rebuilt, Plan)
    return rebuilt


def test_the_plan_learns_the_refusal_and_its_reason() -> None:
    plan, decision_id = plan_with_decision()
    plan.learn_funds_refused(decision_id, REASON)
    decision = replayed(plan).decisions[decision_id]
    assert (decision.status, decision.reason) == ("funds_refused", REASON)


def test_the_plan_learns_the_reservation() -> None:
    plan, decision_id = plan_with_decision()
    plan.learn_funds_reserved(decision_id)
    assert replayed(plan).decisions[decision_id].status == "funds_reserved"


def test_learning_the_same_outcome_twice_records_it_once() -> None:
    plan, decision_id = plan_with_decision()
    plan.learn_funds_refused(decision_id, REASON)
    plan.learn_funds_refused(decision_id, REASON)
    plan.learn_funds_reserved(decision_id)
    plan.learn_funds_reserved(decision_id)
    names = [type(e).__name__ for e in plan.collect_events()]
    assert names == ["Drafted", "DecisionTaken", "FundsRefused", "FundsReserved"]


def test_what_the_plan_learns_stays_inside_planning() -> None:
    plan, decision_id = plan_with_decision()
    plan.learn_funds_reserved(decision_id)
    assert translate(plan.collect_events()[-1]) is None


def test_an_outcome_for_an_unknown_decision_is_refused() -> None:
    plan, _ = plan_with_decision()
    with pytest.raises(UnknownDecision, match="has no decision"):
        plan.learn_funds_refused(uuid.uuid4(), REASON)
