"""One regisseur at a time, handed over as a fact; goals per life domain with the household's own strength."""

from __future__ import annotations

import uuid

import pytest

from contracts.events.planning import CoordinatorAssigned, GoalSet
from kernel.errors import Refused
from services.planning.domain.goals import InvalidGoal
from services.planning.domain.plan import OwnStrengthMissing
from services.planning.domain.plan_team import CoordinatorUnchanged, GoalAlreadySet
from services.planning.translator import translate
from tests.unit.planning.factories import TODAY, decision, names, plan

pytestmark = pytest.mark.unit


def test_a_handover_replaces_the_one_coordinator_and_is_published() -> None:
    p = plan()
    p.collect_events()
    p.assign_coordinator("coach.jansen", "t.visser", TODAY)
    p.assign_coordinator("g.el-amrani", "t.visser", TODAY)
    assert p.coordinator == "g.el-amrani"
    assert [c["coordinator"] for c in p.coordinators] == ["team:wijkteam-haven", "coach.jansen", "g.el-amrani"]
    facts = [translate(e) for e in p.collect_events()]
    assert all(isinstance(f, CoordinatorAssigned) for f in facts)
    assert [(f.previous_coordinator, f.coordinator) for f in facts] == [
        ("team:wijkteam-haven", "coach.jansen"),
        ("coach.jansen", "g.el-amrani"),
    ]


def test_handing_over_to_the_current_coordinator_is_a_conflict() -> None:
    p = plan()
    p.assign_coordinator("coach.jansen", "t.visser", TODAY)
    with pytest.raises(CoordinatorUnchanged, match="already the coordinator"):
        p.assign_coordinator("coach.jansen", "t.visser", TODAY)


def test_a_goal_records_own_strength_and_network_and_is_published() -> None:
    p = plan(goals=())
    p.set_goal("debts", "no new arrears", "opens the post weekly", "brother helps with forms", "coach.jansen", TODAY)
    fact = translate(p.collect_events()[-1])
    assert isinstance(fact, GoalSet)
    assert (fact.life_domain, fact.own_strength, fact.network) == (
        "debts",
        "opens the post weekly",
        "brother helps with forms",
    )


@pytest.mark.parametrize(
    ("domain", "goal", "own", "problem"),
    [
        ("money", "x", "y", "not one of"),
        ("income", " ", "y", "goal must say"),
        ("income", "x", "  ", "eigen kracht"),
    ],
)
def test_a_goal_without_domain_text_or_own_strength_is_refused(domain: str, goal: str, own: str, problem: str) -> None:
    with pytest.raises(InvalidGoal, match=problem):
        plan(goals=()).set_goal(domain, goal, own, "", "coach.jansen", TODAY)


def test_one_goal_per_life_domain() -> None:
    p = plan(goals=("care",))
    with pytest.raises(GoalAlreadySet, match="already has a goal for care"):
        p.set_goal("care", "other", "other", "", "coach.jansen", TODAY)


def test_paid_support_for_a_domain_without_own_strength_on_record_is_refused() -> None:
    p = plan(goals=("income",))
    p.collect_events()
    with pytest.raises(OwnStrengthMissing, match=r"no goal for life domain 'care'.*eigen kracht"):
        p.take_decision(decision(life_domain="care"))
    assert p.collect_events() == []


def test_informal_support_needs_no_goal_and_costs_nothing() -> None:
    p = plan(goals=())
    p.collect_events()
    informal = decision(
        provision_code="vrijwilliger-maatje", budget_line="", amount_cents=0, life_domain="social_network", paid=False
    )
    p.record_arrangement(informal)
    assert names(p) == ["ArrangementRecorded"]
    assert p.decisions[informal.decision_id].status == "recorded"
    with pytest.raises(Refused, match="costs nothing"):
        p.record_arrangement(decision(decision_id=uuid.uuid4(), amount_cents=100, paid=False))
