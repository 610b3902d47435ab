"""Every bad input to planning's HTTP API gets a clear 4xx and records nothing."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from eventsourcing.persistence import Tracking

from contracts.events.intake import CaseOpened
from services.planning.application import PlanningApplication
from tests.integration.planning.bus_facts import GOAL, support_offered
from tests.support.stack import Stack

pytestmark = pytest.mark.integration
VALID = {
    "provision_code": "wmo-begeleiding-individueel",
    "amount_cents": 120_000,
    "period_start": "2026-04-01",
    "period_end": "2026-12-31",
}
DECIDER = "j.de.vries"  # a wmo-consulent of wijkteam-haven, the seeded plans' team


def seed_plan(app: object) -> str:
    assert isinstance(app, PlanningApplication)
    opened = CaseOpened(
        household_id=uuid.uuid4(),
        case_id=uuid.uuid4(),
        request_id=uuid.uuid4(),
        district="Almere Haven",
        team_id="wijkteam-haven",
        opened_on=date(2026, 3, 2),
    )
    position = f"test-{uuid.uuid4()}"  # a source of its own: planning's dedupe positions are shared by every test
    app.on_case_opened(opened, Tracking(position, 1))
    app.on_client_support_offered(support_offered(opened), Tracking(position, 2))
    return str(app.plans_of(opened.household_id)[0]["plan_id"])


MALFORMED: list[tuple[dict[str, Any], str]] = [
    ({"amount_cents": -1}, "body.amount_cents"),
    ({"amount_cents": 12.5}, "body.amount_cents"),
    ({"amount_cents": "1000"}, "body.amount_cents"),
    ({"period_start": "1 april"}, "body.period_start"),
    ({"provision_code": None}, "body.provision_code"),
    ({"client_age": -1}, "body.client_age"),
    ({"life_domain": "money"}, "body.life_domain"),
    ({"deviation": {"rule_refs": [], "justification": "x"}}, "body.deviation.rule_refs"),
    ({"deviation": {"rule_refs": ["ALM-BB-LEEFTIJD"]}}, "body.deviation.justification"),
]


async def test_malformed_decisions_are_refused_field_by_field(stack: Stack) -> None:
    plan_id = seed_plan(stack["planning"].app)
    async with stack.client("planning", user=DECIDER) as client:
        for changes, field in MALFORMED:
            response = await client.post(f"/plans/{plan_id}/decisions", json={**VALID, **changes})
            assert response.status_code == 422, changes
            assert response.json()["detail"][0]["field"] == field, changes
        plan = (await client.get(f"/plans/{plan_id}")).json()
    assert plan["decisions"] == []


async def test_decisions_that_break_a_rule_get_the_reason(stack: Stack) -> None:
    plan_id = seed_plan(stack["planning"].app)
    async with stack.client("planning", user=DECIDER) as client:
        backwards = await client.post(f"/plans/{plan_id}/decisions", json={**VALID, "period_end": "2026-03-31"})
        unknown = await client.post(f"/plans/{plan_id}/decisions", json={**VALID, "provision_code": "gouden-kraan"})
        no_plan = await client.post(f"/plans/{uuid.uuid4()}/decisions", json=VALID)
        plan = (await client.get(f"/plans/{plan_id}")).json()
    assert backwards.status_code == 422 and "period_end 2026-03-31 is before period_start" in backwards.json()["detail"]
    assert unknown.status_code == 422
    assert "provision 'gouden-kraan' is not in the catalogue" in unknown.json()["detail"]
    assert no_plan.status_code == 404
    assert plan["decisions"] == []


async def test_plan_queries_with_bad_or_unknown_ids(stack: Stack) -> None:
    async with stack.client("planning") as client:
        no_household = await client.get("/plans")
        not_a_uuid = await client.get("/plans", params={"household_id": "h-1"})
        nobody_home = await client.get("/plans", params={"household_id": str(uuid.uuid4())})
        unknown_plan = await client.get(f"/plans/{uuid.uuid4()}")
        bad_plan_id = await client.get("/plans/plan-1")
    assert no_household.status_code == 422 and no_household.json()["detail"][0]["field"] == "query.household_id"
    assert not_a_uuid.status_code == 422
    assert nobody_home.status_code == 200 and nobody_home.json() == []
    assert unknown_plan.status_code == 404
    assert bad_plan_id.status_code == 422 and bad_plan_id.json()["detail"][0]["field"] == "path.plan_id"


async def test_decisions_refused_by_the_rules_of_planning(stack: Stack) -> None:
    plan_id = seed_plan(stack["planning"].app)
    url = f"/plans/{plan_id}/decisions"
    async with (
        stack.client("planning", user=DECIDER) as client,
        stack.client("planning", user="coach.bakker") as other_team,
    ):
        no_goal = await client.post(url, json=VALID)
        await client.post(f"/plans/{plan_id}/goals", json={"life_domain": "care", **GOAL})
        stranger = await other_team.post(url, json=VALID)
        maatwerk = await client.post(url, json={**VALID, "provision_code": "maatwerk-vrij-besteedbaar"})
        no_age = await client.post(url, json={**VALID, "provision_code": "bijzondere-bijstand", "amount_cents": 100})
        informal = await client.post(url, json={**VALID, "provision_code": "mantelzorgondersteuning"})
        counted = await client.post(url, json={**VALID, "provision_code": "mantelzorgondersteuning", "amount_cents": 0})
        plan = (await client.get(f"/plans/{plan_id}")).json()
    assert no_goal.status_code == 409 and no_goal.json()["error"] == "own_strength_missing"
    assert "eigen kracht" in no_goal.json()["detail"]
    assert stranger.status_code == 403 and stranger.json()["rule"] == "professional@own-team"
    assert "wijkteam-haven" in stranger.json()["detail"]
    assert maatwerk.status_code == 422 and "name the life_domain" in maatwerk.json()["detail"]
    assert no_age.status_code == 422 and "state client_age" in no_age.json()["detail"]
    assert informal.status_code == 422 and "costs nothing" in informal.json()["detail"]
    assert counted.status_code == 201 and counted.json()["status"] == "recorded"
    assert [(d["provision_code"], d["status"], d["paid"]) for d in plan["decisions"]] == [
        ("mantelzorgondersteuning", "recorded", False)
    ]


async def test_goals_coordinator_approval_evaluation_and_teams_give_clear_errors(stack: Stack) -> None:
    plan_id = seed_plan(stack["planning"].app)
    goal = {"life_domain": "care", **GOAL}
    async with (
        stack.client("planning", user=DECIDER) as client,
        stack.client("planning", user="t.visser") as lead,
        stack.client("planning", user="jurist") as staff,
        stack.client("planning") as municipal,
    ):
        goals = f"/plans/{plan_id}/goals"
        bad_domain = await client.post(goals, json={**goal, "life_domain": "money"})
        no_own_strength = await client.post(goals, json={**goal, "own_strength": ""})
        unknown_setter = await staff.post(goals, json=goal)
        first = await client.post(goals, json=goal)
        twice = await client.post(goals, json=goal)
        no_plan = await client.post(f"/plans/{uuid.uuid4()}/goals", json=goal)

        coordinator = f"/plans/{plan_id}/coordinator"
        empty = await lead.post(coordinator, json={"coordinator": ""})
        unknown = await lead.post(coordinator, json={"coordinator": "buurman"})
        handed = await lead.post(coordinator, json={"coordinator": "coach.jansen"})
        same = await lead.post(coordinator, json={"coordinator": "coach.jansen"})

        taken = (await client.post(f"/plans/{plan_id}/decisions", json=VALID)).json()["decision_id"]
        approval = f"/plans/{plan_id}/decisions/{taken}/approval"
        not_escalated = await lead.post(approval)
        no_decision = await lead.post(f"/plans/{plan_id}/decisions/{uuid.uuid4()}/approval")

        evaluations = f"/plans/{plan_id}/evaluations"
        no_results = await client.post(evaluations, json={"results": []})
        bad_outcome = await client.post(evaluations, json={"results": [{"life_domain": "care", "outcome": "done"}]})
        no_such_goal = await client.post(evaluations, json={"results": [{"life_domain": "work", "outcome": "partly"}]})
        team = await client.get("/teams/wijkteam-haven/model")
        other_team = await client.get("/teams/wijkteam-stad/model")
        no_team = await municipal.get("/teams/wijkteam-nergens/model")

    assert bad_domain.status_code == 422 and bad_domain.json()["detail"][0]["field"] == "body.life_domain"
    assert no_own_strength.status_code == 422 and no_own_strength.json()["detail"][0]["field"] == "body.own_strength"
    assert unknown_setter.status_code == 403 and unknown_setter.json()["action"] == "planning.plan.edit"
    assert first.status_code == 201 and twice.status_code == 409 and no_plan.status_code == 404
    assert empty.status_code == 422 and unknown.status_code == 422
    assert handed.status_code == 204 and same.status_code == 409
    assert "already the coordinator" in same.json()["detail"]
    assert not_escalated.status_code == 409 and no_decision.status_code == 404
    assert no_results.status_code == 422 and bad_outcome.status_code == 422
    assert no_such_goal.status_code == 409 and "no goal for work" in no_such_goal.json()["detail"]
    assert team.status_code == 200 and team.json()["fte_steered_by_own_organisation"] == 2.5
    assert other_team.status_code == 403
    assert no_team.status_code == 404 and "wijkteam-nergens" in no_team.json()["detail"]
