"""One household, one plan, one regisseur: a plan is drafted per case and a household never gets a second."""

from __future__ import annotations

import uuid

import pytest

from contracts.events.planning import PlanDrafted
from services.planning.domain.household_plans import HouseholdPlans, PlanAlreadyOpen, household_plans_id
from services.planning.domain.plan import Plan, plan_id_for, team_coordinator
from services.planning.translator import translate

pytestmark = pytest.mark.unit


def draft(household_id: uuid.UUID | None = None, case_id: uuid.UUID | None = None) -> Plan:
    return Plan(
        household_id or uuid.uuid4(), case_id or uuid.uuid4(), "wijkteam-haven", team_coordinator("wijkteam-haven")
    )


def test_a_plan_for_a_case_has_a_deterministic_id_so_a_replay_drafts_no_twin() -> None:
    case_id = uuid.uuid4()
    assert draft(case_id=case_id).id == draft(case_id=case_id).id == plan_id_for(case_id)
    assert draft().id != draft().id


def test_until_a_professional_is_assigned_the_team_is_the_regisseur() -> None:
    plan = draft()
    assert plan.coordinator == "team:wijkteam-haven"


def test_drafting_publishes_plan_drafted_keyed_by_household() -> None:
    household, case = uuid.uuid4(), uuid.uuid4()
    plan = draft(household, case)
    fact = translate(plan.collect_events()[0])
    assert isinstance(fact, PlanDrafted)
    assert (fact.household_id, fact.plan_id, fact.case_id) == (household, plan.id, case)
    assert fact.coordinator == "team:wijkteam-haven" and fact.subject == str(household)


def test_a_household_gets_no_second_open_plan() -> None:
    household = uuid.uuid4()
    index = HouseholdPlans(household)
    first = draft(household)
    index.add_plan(first.id)
    with pytest.raises(PlanAlreadyOpen, match="already has open plan"):
        index.add_plan(draft(household).id)
    assert index.plan_ids == [first.id] and index.open_plan_id == first.id
    assert index.id == household_plans_id(household)


def test_a_further_case_joins_the_open_plan_once() -> None:
    plan = draft()
    later_case = uuid.uuid4()
    plan.link_case(later_case)
    plan.link_case(later_case)
    assert plan.case_ids == [plan.case_id, later_case]
    assert [type(e).__name__ for e in plan.collect_events()] == ["Drafted", "CaseLinked"]


def test_case_links_are_internal_and_not_published() -> None:
    plan = draft()
    plan.link_case(uuid.uuid4())
    assert translate(plan.collect_events()[-1]) is None
