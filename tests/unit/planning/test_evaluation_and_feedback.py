"""Closing the loop (Almelo): goals are evaluated; providers' feedback is attached to the plan."""

from __future__ import annotations

import uuid

import pytest

from contracts.events.planning import PlanEvaluated
from services.planning.domain.goals import InvalidEvaluation
from services.planning.domain.plan_followup import GoalNotInPlan
from services.planning.translator import translate
from tests.unit.planning.factories import TODAY, plan

pytestmark = pytest.mark.unit


def test_an_evaluation_scores_each_goal_and_is_published() -> None:
    p = plan(goals=("care", "income"))
    p.collect_events()
    evaluation_id = uuid.uuid4()
    results = [
        {"life_domain": "care", "outcome": "achieved", "remarks": "house is kept"},
        {"life_domain": "income", "outcome": "partly", "remarks": "benefit applied for"},
    ]
    p.evaluate(evaluation_id, "coach.jansen", TODAY, results)
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, PlanEvaluated) and fact.evaluation_id == evaluation_id
    assert [(r.life_domain, r.outcome) for r in fact.results] == [("care", "achieved"), ("income", "partly")]
    assert (p.goals["income"].outcome, p.goals["income"].remarks) == ("partly", "benefit applied for")


@pytest.mark.parametrize(
    ("results", "error", "problem"),
    [
        ([], InvalidEvaluation, "at least one goal"),
        ([{"life_domain": "care", "outcome": "done"}], InvalidEvaluation, "not one of"),
        ([{"life_domain": "care", "outcome": "partly"}] * 2, InvalidEvaluation, "once per evaluation"),
        ([{"life_domain": "housing", "outcome": "partly"}], GoalNotInPlan, "no goal for housing"),
    ],
)
def test_bad_evaluations_are_refused(results: list[dict[str, str]], error: type[Exception], problem: str) -> None:
    p = plan()
    p.collect_events()
    with pytest.raises(error, match=problem):
        p.evaluate(uuid.uuid4(), "coach.jansen", TODAY, results)
    assert p.evaluations == [] and p.collect_events() == []


def test_provider_feedback_is_attached_for_the_coordinator_and_stays_inside() -> None:
    p = plan()
    p.collect_events()
    assignment = uuid.uuid4()
    p.attach_feedback(assignment, "zorg-flevoland", False, "two hours a week is not enough", TODAY)
    assert p.feedback == [
        {
            "assignment_id": assignment,
            "provider_id": "zorg-flevoland",
            "plan_fits": False,
            "remarks": "two hours a week is not enough",
            "received_on": TODAY,
        }
    ]
    assert [translate(e) for e in p.collect_events()] == [None]
