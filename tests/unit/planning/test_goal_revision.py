"""Goals are revised with history: each revision replaces the goal, not yet evaluated, and the earlier ones stay."""

from __future__ import annotations

import pytest

from contracts.events.planning_cycle import GoalRevised
from services.planning.domain.plan_team import NoGoalToRevise
from services.planning.translator import translate
from tests.unit.planning.factories import TODAY, decision, plan

pytestmark = pytest.mark.unit


def test_a_revision_replaces_the_goal_and_keeps_the_earlier_one() -> None:
    p = plan()
    p.evaluate(decision().decision_id, "j.de.vries", TODAY, [{"life_domain": "care", "outcome": "partly"}])
    first = p.goals["care"]
    p.collect_events()
    p.revise_goal("care", " lives at home with daily help ", "cooks twice a week", "son", "coach.jansen", TODAY)
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, GoalRevised) and (fact.revision, fact.goal) == (2, "lives at home with daily help")
    assert fact.revised_by == "coach.jansen"
    assert p.goal_history == [first] and first.outcome == "partly"
    assert (p.goals["care"].revision, p.goals["care"].outcome) == (2, "")


def test_only_a_goal_the_plan_has_is_revised_and_only_when_it_changes() -> None:
    p = plan()
    with pytest.raises(NoGoalToRevise, match="no goal for income"):
        p.revise_goal("income", "rent paid", "budget coach", "", "j.de.vries", TODAY)
    current = p.goals["care"]
    with pytest.raises(NoGoalToRevise, match="changes nothing"):
        p.revise_goal("care", current.goal, current.own_strength, current.network, "j.de.vries", TODAY)
