"""Every refused cancellation gets a clear 4xx and records nothing: 422 for a bad body, 403 for someone outside
the register, 404 for an unknown plan, 409 for an unknown or already cancelled decision or one whose funds were
refused."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from eventsourcing.persistence import Tracking

from contracts.events.intake import CaseOpened
from kernel.clock import today
from services.planning.application import PlanningApplication
from services.planning.domain.decision import DecisionRequest
from tests.integration.planning.bus_facts import support_offered
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
ON = date(2026, 3, 2)
NO_BUDGET_YEAR = today().year + 5  # beyond every year budget allocates
VALID = {"reason": "no longer needed"}


async def seeded(app: object) -> tuple[PlanningApplication, str, list[str]]:
    """A plan with three decisions taken: one to cancel, one whose funds budget refused (no budget exists for its
    year: the shared stack's budget refuses it), one left alone."""
    assert isinstance(app, PlanningApplication)
    opened = CaseOpened(
        household_id=uuid.uuid4(),
        case_id=uuid.uuid4(),
        request_id=uuid.uuid4(),
        district="Almere Haven",
        team_id="wijkteam-haven",
        opened_on=ON,
    )
    position = f"test-{uuid.uuid4()}"  # a source of its own: planning's dedupe positions are shared by every test
    app.on_case_opened(opened, Tracking(position, 1))
    app.on_client_support_offered(support_offered(opened), Tracking(position, 2))
    plan_id = app.plans_of(opened.household_id)[0]["plan_id"]
    app.set_goal(uuid.UUID(plan_id), "care", "stays at home", "cooks himself", "", "j.de.vries", ON)
    unfunded = date(NO_BUDGET_YEAR, 4, 1), date(NO_BUDGET_YEAR, 12, 31)
    requests = [
        DecisionRequest("wmo-huishoudelijke-ondersteuning", 100_000, *period, "t.visser")
        for period in ((date(2026, 4, 1), date(2026, 12, 31)), unfunded, (date(2026, 4, 1), date(2026, 12, 31)))
    ]
    ids = [str(app.take_decision(uuid.UUID(plan_id), request, ON).decision_id) for request in requests]

    async def refused() -> str:
        return next(d["status"] for d in app.plan(uuid.UUID(plan_id))["decisions"] if d["decision_id"] == ids[1])

    await eventually(refused, lambda status: status == "funds_refused", timeout=60)
    return app, plan_id, ids


BAD_BODIES: list[tuple[dict[str, Any], str]] = [
    ({"reason": ""}, "body.reason"),
    ({"reason": "   "}, "body.reason"),
    ({"reason": None}, "body.reason"),
]


async def test_bad_cancellations_are_refused_with_a_clear_4xx(stack: Stack) -> None:
    app, plan_id, (to_cancel, refused, untouched) = await seeded(stack["planning"].app)
    url = f"/plans/{plan_id}/decisions/{{}}/cancellation"
    async with stack.client("planning", user="t.visser") as client, stack.client("planning", user="jurist") as jurist:
        for change, field in BAD_BODIES:
            answer = await client.post(url.format(to_cancel), json=VALID | change)
            assert answer.status_code == 422, (change, answer.text)
            assert field in [p["field"] for p in answer.json()["detail"]], (change, answer.text)
        for missing in VALID:
            answer = await client.post(url.format(to_cancel), json={k: v for k, v in VALID.items() if k != missing})
            assert answer.status_code == 422 and f"body.{missing}" in answer.text
        assert (await client.post(f"/plans/{plan_id}/decisions/not-a-uuid/cancellation", json=VALID)).status_code == 422

        stranger = await jurist.post(url.format(to_cancel), json=VALID)  # staff, no professional of the team
        assert (stranger.status_code, stranger.json()["error"]) == (403, "forbidden")
        no_plan = await client.post(f"/plans/{uuid.uuid4()}/decisions/{to_cancel}/cancellation", json=VALID)
        assert no_plan.status_code == 404
        for decision_id, why in ((str(uuid.uuid4()), "has no decision"), (refused, "funds_refused")):
            answer = await client.post(url.format(decision_id), json=VALID)
            assert (answer.status_code, answer.json()["error"]) == (409, "decision_not_cancellable"), answer.text
            assert why in answer.json()["detail"]

        statuses = {d["decision_id"]: d["status"] for d in app.plan(uuid.UUID(plan_id))["decisions"]}
        assert "cancelled" not in statuses.values() and statuses[refused] == "funds_refused"  # nothing recorded

        assert (await client.post(url.format(to_cancel), json=VALID)).status_code == 200
        again = await client.post(url.format(to_cancel), json=VALID)
        assert (again.status_code, again.json()["error"]) == (409, "decision_not_cancellable")
    statuses = {d["decision_id"]: d["status"] for d in app.plan(uuid.UUID(plan_id))["decisions"]}
    assert (statuses[to_cancel], statuses[refused]) == ("cancelled", "funds_refused")
    assert statuses[untouched] in ("taken", "funds_reserved")  # the shared stack's budget may have reserved it
