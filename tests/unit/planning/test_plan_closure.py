"""Closing a plan: when its goals are met or the household moved away, with nothing waiting or in force; the
coordinator can be handed over at closure, and a closed plan takes nothing new."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from contracts.events.planning import CoordinatorAssigned
from contracts.events.planning_cycle import PlanClosed
from services.planning.domain.plan_closure import NotClosable, PlanIsClosed
from services.planning.translator import translate
from tests.unit.planning.factories import TODAY, decision, plan

pytestmark = pytest.mark.unit
ACHIEVED = [{"life_domain": "care", "outcome": "achieved", "remarks": ""}]


def test_goals_met_means_every_goal_evaluated_as_achieved() -> None:
    p = plan()
    with pytest.raises(NotClosable, match="goals are not met \\(care\\)"):
        p.close("goals_met", "t.visser", TODAY)
    p.evaluate(decision().decision_id, "j.de.vries", TODAY, ACHIEVED)
    p.collect_events()
    p.close("goals_met", "t.visser", TODAY)
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, PlanClosed) and (fact.reason, fact.coordinator) == ("goals_met", "team:wijkteam-haven")


def test_a_plan_without_goals_closes_only_because_the_household_moved_away() -> None:
    p = plan(goals=())
    with pytest.raises(NotClosable, match="the plan has none"):
        p.close("goals_met", "t.visser", TODAY)
    p.close("moved_away", "t.visser", TODAY)
    assert (p.closed_on, p.closure_reason) == (TODAY, "moved_away")


def test_nothing_may_wait_for_a_mandate_holder_or_stay_in_force() -> None:
    p = plan()
    waiting = decision()
    p.escalate(waiting, "above the mandate")
    with pytest.raises(NotClosable, match="waits for a mandate holder"):
        p.close("moved_away", "t.visser", TODAY)
    p.cancel_decision(waiting.decision_id, "t.visser", "verhuisd naar Lelystad", TODAY)
    in_force = decision(period_end=TODAY + timedelta(days=30))
    p.take_decision(in_force)
    with pytest.raises(NotClosable, match="still in force"):
        p.close("moved_away", "t.visser", TODAY)
    p.close("moved_away", "t.visser", TODAY + timedelta(days=31))  # its period has ended


def test_the_coordinator_is_handed_over_at_closure() -> None:
    p = plan(goals=())
    p.collect_events()
    p.close("moved_away", "t.visser", TODAY, hand_over_to="coach.jansen")
    handover, closed = (translate(e) for e in p.collect_events())
    assert isinstance(handover, CoordinatorAssigned) and handover.coordinator == "coach.jansen"
    assert isinstance(closed, PlanClosed) and closed.coordinator == "coach.jansen"


def test_a_closed_plan_takes_no_new_goal_decision_or_evaluation() -> None:
    p = plan()
    p.close("moved_away", "t.visser", date(2026, 3, 3))
    with pytest.raises(PlanIsClosed, match="closed on 2026-03-03"):
        p.set_goal("income", "rent paid", "budget coach", "", "j.de.vries", TODAY)
    with pytest.raises(PlanIsClosed):
        p.take_decision(decision())
    with pytest.raises(PlanIsClosed):
        p.evaluate(decision().decision_id, "j.de.vries", TODAY, ACHIEVED)
    with pytest.raises(PlanIsClosed):
        p.close("moved_away", "t.visser", TODAY)
