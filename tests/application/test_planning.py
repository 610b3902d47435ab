"""Planning's commands and inbox handlers, driven as its inbox and routes drive them, on each store.

One plan per household whatever intake sends twice; no decision before client support was offered and eigen
kracht recorded; outside the mandate a decision waits for a mandate holder; budget's answer lands on the
decision; a cancellation by a registered professional only, once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from contracts.events.budget import FundsRefused, FundsReserved
from contracts.events.intake import CaseOpened, ClientSupportOffered
from contracts.events.planning import DecisionCancelled, DecisionEscalated, DecisionTaken, PlanDrafted
from kernel.errors import Conflict, Forbidden, NotFound
from services.planning.application import PlanningApplication
from services.planning.domain.decision import DecisionRequest
from tests.support.application import IN_MEMORY, Positions, build, facts_of, of_type, running
from wijk.settings import PlatformSettings

ON = date(2026, 3, 2)


def case_opened(household: uuid.UUID | None = None) -> CaseOpened:
    return CaseOpened(
        household_id=household or uuid.uuid4(),
        case_id=uuid.uuid4(),
        request_id=uuid.uuid4(),
        district="Almere Haven",
        team_id="wijkteam-haven",
        opened_on=ON,
    )


def offered(case: CaseOpened) -> ClientSupportOffered:
    return ClientSupportOffered(
        household_id=case.household_id, case_id=case.case_id, team_id=case.team_id, offered_on=ON
    )


def request(
    cents: int = 100_000, by: str = "coach.jansen", code: str = "wmo-huishoudelijke-ondersteuning"
) -> DecisionRequest:
    return DecisionRequest(code, cents, date(2026, 4, 1), date(2026, 12, 31), by)


class PlanningCase:
    """The abstract case: every test runs on the store `settings` gives (POPO unless a subclass says otherwise)."""

    @pytest.fixture
    def settings(self) -> PlatformSettings:
        return IN_MEMORY

    @pytest.fixture
    def app(self, settings: PlatformSettings) -> Iterator[PlanningApplication]:
        yield from running(lambda: build("planning", settings))

    def plan_for(
        self, app: PlanningApplication, positions: Positions, goal: bool = True
    ) -> tuple[CaseOpened, uuid.UUID]:
        case = case_opened()
        app.on_case_opened(case, positions.next())
        app.on_client_support_offered(offered(case), positions.next())
        plan_id = uuid.UUID(app.plans_of(case.household_id)[0]["plan_id"])
        if goal:
            app.set_goal(plan_id, "care", "stays at home", "cooks himself", "daughter shops", "coach.jansen", ON)
        return case, plan_id

    def test_a_household_has_one_plan_whatever_intake_sends_twice(self, app: PlanningApplication) -> None:
        positions, case = Positions(), case_opened()
        first = positions.next()
        app.on_case_opened(case, first)
        app.on_case_opened(case, positions.again(first))  # redelivered
        app.on_case_opened(case, positions.next())  # republished under a new position
        app.on_case_opened(case_opened(case.household_id), positions.next())  # a second case of the household
        [plan] = app.plans_of(case.household_id)
        assert len(plan["case_ids"]) == 2 and plan["coordinator"] == "team:wijkteam-haven"
        assert len(of_type(facts_of(app, "planning"), PlanDrafted)) == 1
        with pytest.raises(NotFound):
            app.plan(uuid.uuid4())

    def test_no_decision_before_client_support_and_eigen_kracht(self, app: PlanningApplication) -> None:
        positions, case = Positions(), case_opened()
        app.on_case_opened(case, positions.next())
        plan_id = uuid.UUID(app.plans_of(case.household_id)[0]["plan_id"])
        with pytest.raises(Conflict, match="client"):
            app.take_decision(plan_id, request(), ON)
        app.on_client_support_offered(offered(case), positions.next())
        with pytest.raises(Conflict, match="eigen kracht"):
            app.take_decision(plan_id, request(), ON)
        app.set_goal(plan_id, "care", "stays at home", "cooks himself", "", "coach.jansen", ON)
        outcome = app.take_decision(plan_id, request(), ON)
        assert (outcome.status, outcome.mandate_ref) == ("taken", "ALM-M-01")
        [taken] = of_type(facts_of(app, "planning"), DecisionTaken)
        assert (taken.decision_id, taken.amount_cents, taken.decided_by) == (
            outcome.decision_id,
            100_000,
            "coach.jansen",
        )

    def test_outside_the_mandate_a_decision_waits_for_a_mandate_holder(self, app: PlanningApplication) -> None:
        _, plan_id = self.plan_for(app, Positions())
        outcome = app.take_decision(plan_id, request(700_000, code="wmo-begeleiding-individueel"), ON)
        assert outcome.status == "escalated" and "coach.jansen (wijkcoach) holds no mandate" in outcome.reason
        with pytest.raises(Forbidden, match=r"coach\.bakker holds no mandate"):
            app.approve(plan_id, outcome.decision_id, "coach.bakker", ON)
        with pytest.raises(Forbidden, match="not in the mandate register"):
            app.approve(plan_id, outcome.decision_id, "buurman", ON)
        assert app.approve(plan_id, outcome.decision_id, "j.de.vries", ON) == "ALM-M-02"
        with pytest.raises(Conflict, match="not waiting for approval"):
            app.approve(plan_id, outcome.decision_id, "j.de.vries", ON)
        with pytest.raises(NotFound):
            app.approve(plan_id, uuid.uuid4(), "j.de.vries", ON)
        facts = facts_of(app, "planning")
        [escalated], [taken] = of_type(facts, DecisionEscalated), of_type(facts, DecisionTaken)
        assert escalated.decision_id == taken.decision_id and (taken.proposed_by, taken.escalated) == (
            "coach.jansen",
            True,
        )

    def test_budgets_answer_lands_on_the_decision_once(self, app: PlanningApplication) -> None:
        positions = Positions()
        case, plan_id = self.plan_for(app, positions)
        funded, unfunded = (app.take_decision(plan_id, request(), ON).decision_id for _ in range(2))
        common = {"household_id": case.household_id, "plan_id": plan_id, "team_id": case.team_id, "year": 2026,
                  "budget_line": "wmo", "amount_cents": 100_000}  # fmt: skip
        reserved = FundsReserved(
            **common, decision_id=funded, provision_code="wmo-huishoudelijke-ondersteuning",
            period_start=date(2026, 4, 1), period_end=date(2026, 12, 31), decided_by="coach.jansen", decided_on=ON,
        )  # fmt: skip
        position = positions.next()
        app.on_funds_reserved(reserved, position)
        app.on_funds_reserved(reserved, positions.again(position))
        app.on_funds_refused(FundsRefused(**common, decision_id=unfunded, reason="no money"), positions.next())
        statuses = {d["decision_id"]: d["status"] for d in app.plan(plan_id)["decisions"]}
        assert statuses == {str(funded): "funds_reserved", str(unfunded): "funds_refused"}

    def test_a_decision_is_cancelled_once_by_a_registered_professional(self, app: PlanningApplication) -> None:
        _, plan_id = self.plan_for(app, Positions())
        decision_id = app.take_decision(plan_id, request(), ON).decision_id
        with pytest.raises(Forbidden, match="not a professional in the register"):
            app.cancel_decision(plan_id, decision_id, "buurman", "moved away", ON)
        app.cancel_decision(plan_id, decision_id, "t.visser", "moved away", ON)
        with pytest.raises(Conflict):
            app.cancel_decision(plan_id, decision_id, "t.visser", "moved away", ON)
        [cancelled] = of_type(facts_of(app, "planning"), DecisionCancelled)
        assert (cancelled.decision_id, cancelled.cancelled_by) == (decision_id, "t.visser")


class TestPlanningOnPOPO(PlanningCase):
    pytestmark = pytest.mark.application


class TestPlanningOnPostgres(PlanningCase):
    pytestmark = pytest.mark.integration

    @pytest.fixture
    def settings(self, on_postgres: Callable[..., PlatformSettings]) -> PlatformSettings:
        return on_postgres("planning")
