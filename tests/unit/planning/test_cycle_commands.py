"""Planning's commands of the law cycle through its application, on the in-memory store: what is saved reads back
through the mapper and publishes the facts the other services act on."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from contracts.events.backoffice_cycle import DecisionRevoked
from contracts.events.intake import CaseOpened, ClientSupportOffered
from contracts.events.planning import DecisionCancelled, DecisionTaken
from contracts.events.planning_cycle import DecisionRefused, PlanClosed
from services.planning.domain.decision import DecisionRequest
from services.planning.domain.grounds import MotivationMissing
from services.planning.domain.mandates import NotMandated
from services.planning.domain.plan import Plan
from tests.unit.planning.factories import ALMERE, TODAY, request
from tests.unit.planning.in_memory import InMemoryPlanning

pytestmark = pytest.mark.unit
WHY = "De buurvrouw en de dochter doen de boodschappen; dat volstaat voor nu."
BG = "wmo-begeleiding-individueel"


@pytest.fixture
def app() -> InMemoryPlanning:
    return InMemoryPlanning(ALMERE)


def opened(app: InMemoryPlanning, goal: bool = True) -> Plan:
    household, case = uuid.uuid4(), uuid.uuid4()
    app.on_case_opened(
        CaseOpened(household_id=household, case_id=case, request_id=uuid.uuid4(), district="Haven",
                   team_id="wijkteam-haven", opened_on=TODAY),
        app.tracking(),
    )  # fmt: skip
    app.on_client_support_offered(
        ClientSupportOffered(household_id=household, case_id=case, team_id="wijkteam-haven", offered_by="j.de.vries",
                             offered_on=TODAY),
        app.tracking(),
    )  # fmt: skip
    plan_id = app.plans_of(household)[0]["plan_id"]
    if goal:
        app.set_goal(uuid.UUID(plan_id), "care", "stable care", "cooks herself", "", "j.de.vries", TODAY)
    plan: Plan = app.repository.get(uuid.UUID(plan_id))
    return plan


def test_a_refusal_is_one_more_kind_of_decision(app: InMemoryPlanning) -> None:
    plan = opened(app, goal=False)
    refused = request(kind="refusal", legal_ground="own_strength", reasons=WHY, requested_amount_cents=300_000)
    outcome = app.take_decision(plan.id, refused, TODAY)
    assert (outcome.status, outcome.mandate_ref) == ("refused", "ALM-M-02")
    fact = app.published()[-1]
    assert isinstance(fact, DecisionRefused) and fact.reasons == WHY and fact.requested_amount_cents == 300_000
    assert app.plan(plan.id)["decisions"][0]["status"] == "refused"


def test_a_refusal_without_reasons_or_by_a_non_holder_is_refused(app: InMemoryPlanning) -> None:
    plan = opened(app)
    with pytest.raises(MotivationMissing):
        app.take_decision(plan.id, request(kind="refusal", legal_ground="own_strength"), TODAY)
    with pytest.raises(NotMandated):
        app.take_decision(
            plan.id, request(kind="refusal", legal_ground="no_need", reasons=WHY, decided_by="m.kok"), TODAY
        )


def test_refusing_an_escalation_needs_a_mandate_and_reasons(app: InMemoryPlanning) -> None:
    plan = opened(app)
    proposal = request(decided_by="coach.jansen", amount_cents=700_000, provision_code=BG)
    decision_id = app.take_decision(plan.id, proposal, TODAY).decision_id
    with pytest.raises(NotMandated, match=r"coach\.bakker holds no mandate to refuse"):
        app.refuse_escalation(plan.id, decision_id, "coach.bakker", "general_provision", WHY, TODAY)
    with pytest.raises(MotivationMissing):
        app.refuse_escalation(plan.id, decision_id, "j.de.vries", "general_provision", "", TODAY)
    assert app.refuse_escalation(plan.id, decision_id, "j.de.vries", "general_provision", WHY, TODAY) == "ALM-M-02"
    fact = app.published()[-1]
    assert isinstance(fact, DecisionRefused) and fact.escalated and fact.proposed_by == "coach.jansen"


def test_an_evaluation_changes_the_arrangement_by_a_new_decision(app: InMemoryPlanning) -> None:
    plan = opened(app)
    old = app.take_decision(plan.id, request(), TODAY).decision_id
    evaluation = app.evaluate(plan.id, "j.de.vries", [{"life_domain": "care", "outcome": "partly"}], TODAY)
    changed = app.change_arrangement(plan.id, evaluation, old, request(amount_cents=300_000), date(2026, 6, 1))
    taken, cancelled = app.published()[-2:]
    assert isinstance(taken, DecisionTaken) and taken.decision_id == changed.decision_id
    assert isinstance(cancelled, DecisionCancelled) and cancelled.replaced_by == changed.decision_id
    assert cancelled.decision_id == old


def test_a_revoked_decision_is_learned_and_a_new_one_settles_it(app: InMemoryPlanning) -> None:
    plan = opened(app)
    old = app.take_decision(plan.id, request(), TODAY).decision_id
    objection = uuid.uuid4()
    revoked = DecisionRevoked(
        household_id=plan.household_id, decision_id=old, objection_id=objection, team_id="wijkteam-haven",
        provision_code="wmo-huishoudelijke-ondersteuning", budget_line="wmo", contested_kind="award",
        revoked_on=date(2026, 5, 1),
    )  # fmt: skip
    app.on_decision_revoked(revoked, app.tracking())
    assert app.plan(plan.id)["required_decisions"] == {str(old): str(objection)}
    again: DecisionRequest = request(amount_cents=350_000, replaces=old)
    app.take_decision(plan.id, again, date(2026, 5, 2))
    assert app.plan(plan.id)["required_decisions"] == {}


def test_a_closed_plan_frees_the_household_for_a_new_plan(app: InMemoryPlanning) -> None:
    plan = opened(app, goal=False)
    app.close_plan(plan.id, "moved_away", "t.visser", TODAY, hand_over_to="coach.jansen")
    assert isinstance(app.published()[-1], PlanClosed)
    app.on_case_opened(
        CaseOpened(household_id=plan.household_id, case_id=uuid.uuid4(), request_id=uuid.uuid4(), district="Haven",
                   team_id="wijkteam-haven", opened_on=TODAY),
        app.tracking(),
    )  # fmt: skip
    assert len(app.plans_of(plan.household_id)) == 2
