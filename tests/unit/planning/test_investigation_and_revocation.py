"""The personal plan recorded and the investigation reported stop their terms (facts for intake); a decision
revoked after an upheld bezwaar requires a new decision in its place (Awb 7:11), which a decision naming it settles."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest

from contracts.events.planning import DecisionTaken
from contracts.events.planning_cycle import InvestigationReported, PersonalPlanRecorded
from kernel.errors import Refused
from services.planning.domain.plan import InvestigationAlreadyReported
from services.planning.domain.plan_closure import PlanIsClosed
from services.planning.domain.plan_escalation import NothingToReplace
from services.planning.domain.plan_melding import AlreadyRecorded, CaseNotInPlan
from services.planning.translator import translate
from tests.unit.planning.factories import TODAY, decision, plan

pytestmark = pytest.mark.unit


def test_the_investigation_of_a_case_is_reported_once() -> None:
    p = plan()
    p.collect_events()
    p.report_investigation(p.case_id, "j.de.vries", TODAY)
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, InvestigationReported) and (fact.case_id, fact.reported_on) == (p.case_id, TODAY)
    with pytest.raises(InvestigationAlreadyReported):
        p.report_investigation(p.case_id, "j.de.vries", TODAY)
    with pytest.raises(CaseNotInPlan, match="is not part of plan"):
        p.report_investigation(uuid.uuid4(), "j.de.vries", TODAY)


def test_the_personal_plan_of_a_case_is_recorded_once_with_the_day_of_the_opportunity() -> None:
    p = plan()
    p.collect_events()
    offered = TODAY - timedelta(days=2)
    p.record_personal_plan(p.case_id, offered, True, "j.de.vries", TODAY)
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, PersonalPlanRecorded)
    assert (fact.case_id, fact.offered_on, fact.handed_in, fact.recorded_on) == (p.case_id, offered, True, TODAY)
    assert p.personal_plans[p.case_id] == {"offered_on": offered, "handed_in": True, "recorded_by": "j.de.vries"}
    with pytest.raises(AlreadyRecorded, match="recorded already"):
        p.record_personal_plan(p.case_id, TODAY, False, "j.de.vries", TODAY)


def test_a_personal_plan_is_not_offered_in_the_future_nor_for_a_case_of_another_plan() -> None:
    p = plan()
    with pytest.raises(Refused, match="lies after today"):
        p.record_personal_plan(p.case_id, TODAY + timedelta(days=1), False, "j.de.vries", TODAY)
    with pytest.raises(CaseNotInPlan):
        p.record_personal_plan(uuid.uuid4(), TODAY, False, "j.de.vries", TODAY)
    p.close("moved_away", "j.de.vries", TODAY)
    with pytest.raises(PlanIsClosed):
        p.record_personal_plan(p.case_id, TODAY, False, "j.de.vries", TODAY)


def test_a_revoked_decision_requires_a_new_one_until_a_decision_replaces_it() -> None:
    p = plan()
    contested = decision()
    p.take_decision(contested)
    objection_id = uuid.uuid4()
    p.learn_revoked(contested.decision_id, objection_id, TODAY)
    p.learn_revoked(contested.decision_id, objection_id, TODAY)  # a redelivered fact changes nothing
    p.learn_funds_reserved(contested.decision_id)  # a late reservation does not revive it
    assert p.decisions[contested.decision_id].status == "revoked"
    assert p.required_decisions == {contested.decision_id: objection_id}
    p.collect_events()
    p.take_decision(replace(decision(), replaces=contested.decision_id))
    [fact] = [translate(e) for e in p.collect_events()]
    assert isinstance(fact, DecisionTaken) and fact.replaces_decision_id == contested.decision_id
    assert p.required_decisions == {}


def test_a_decision_replaces_only_a_decision_revoked_after_a_bezwaar() -> None:
    p = plan()
    in_force = decision()
    p.take_decision(in_force)
    with pytest.raises(NothingToReplace, match="was not revoked after a bezwaar"):
        p.take_decision(replace(decision(), replaces=in_force.decision_id))
    with pytest.raises(NothingToReplace):
        p.take_decision(replace(decision(), replaces=uuid.uuid4()))
    p.learn_revoked(in_force.decision_id, uuid.uuid4(), TODAY)
    p.take_decision(replace(decision(), replaces=in_force.decision_id))
    with pytest.raises(NothingToReplace):  # it was replaced already: a second replacement is refused
        p.take_decision(replace(decision(), replaces=in_force.decision_id))
