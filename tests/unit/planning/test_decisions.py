"""A decision names a provision, a period, a non-negative amount in cents and the professional who took it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from contracts.events.planning import DecisionTaken
from kernel.errors import Refused
from services.planning.domain.decision import InvalidDecision
from services.planning.translator import translate
from tests.unit.planning.factories import TODAY, decision, plan

pytestmark = pytest.mark.unit


def test_a_decision_is_recorded_as_taken_and_published_with_household_team_and_mandate() -> None:
    p, d = plan(), decision()
    p.take_decision(d)
    assert p.decisions[d.decision_id].status == "taken"
    fact = translate(p.collect_events()[-1])
    assert isinstance(fact, DecisionTaken)
    assert (fact.household_id, fact.plan_id, fact.team_id) == (p.household_id, p.id, "wijkteam-haven")
    assert (fact.decision_id, fact.amount_cents, fact.budget_line) == (d.decision_id, 250_000, "wmo")
    assert (fact.period_start, fact.period_end, fact.decided_on) == (d.period_start, d.period_end, TODAY)
    assert (fact.mandate_ref, fact.life_domain, fact.escalated, fact.proposed_by) == ("ALM-M-02", "care", False, None)


def test_a_one_day_period_and_a_zero_amount_are_valid() -> None:
    p = plan()
    p.take_decision(decision(amount_cents=0, period_end=date(2026, 4, 1)))
    assert len(p.decisions) == 1


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"amount_cents": -1}, "must not be negative"),
        ({"amount_cents": 12.5}, "whole number"),
        ({"amount_cents": True}, "whole number"),
        ({"period_end": date(2026, 3, 31)}, "before period_start"),
        ({"decided_by": "  "}, "decided_by"),
        ({"provision_code": ""}, "provision_code"),
    ],
)
def test_invalid_decisions_are_refused_and_record_nothing(changes: dict[str, Any], problem: str) -> None:
    p = plan()
    p.collect_events()
    with pytest.raises(InvalidDecision, match=problem):
        p.take_decision(decision(**changes))
    assert p.decisions == {} and p.collect_events() == []


def test_the_same_decision_is_not_taken_twice() -> None:
    p, d = plan(), decision()
    p.take_decision(d)
    with pytest.raises(Refused, match="already in plan"):
        p.take_decision(d)
