"""A provider that answers by hand: accepts, starts, declares, gives feedback and stops over HTTP, each a fact on
the bus; another provider's attempt on its assignment is refused (403) and recorded as a fact."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest

from contracts.events.backoffice import ProviderAssigned
from contracts.events.care import (
    AssignmentAccepted,
    CareDeclared,
    CareStarted,
    CareStopped,
    PlanFeedbackGiven,
    ProviderActionRejected,
)
from contracts.topics import facts
from tests.support.bus import Publisher, read_facts
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
MANUAL, OTHER = "thuiszorg-almere", "zorg-flevoland"
APRIL, SEPTEMBER = date(2026, 4, 1), date(2026, 9, 30)


def assigned(household_id: UUID, provider_id: str = MANUAL) -> ProviderAssigned:
    return ProviderAssigned(
        household_id=household_id,
        assignment_id=uuid4(),
        decision_id=uuid4(),
        provider_id=provider_id,
        product_code="01A01",
        volume=2,
        unit="04",
        frequency="2",
        period_start=APRIL,
        period_end=SEPTEMBER,
    )


async def received(client: httpx.AsyncClient, assignment_id: UUID) -> dict[str, Any]:
    async def probe() -> dict[str, Any]:
        response = await client.get(f"/assignments/{assignment_id}")
        return response.json() if response.status_code == 200 else {}

    return await eventually(probe, lambda a: a.get("status") == "received", timeout=60)


async def test_start_declare_feedback_and_stop_publish_facts_and_a_strangers_attempt_is_recorded(
    stack: Stack,
) -> None:
    household = uuid4()
    order = assigned(household)
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        await publisher.publish(order)
    path = f"/assignments/{order.assignment_id}"
    async with stack.client("care", org=MANUAL) as client, stack.client("care", org=OTHER) as other:
        await received(client, order.assignment_id)
        stranger = await other.post(f"{path}/start", json={"start_date": "2026-04-06"})
        assert stranger.status_code == 403 and stranger.json()["rule"] == "care-provider@own-assignments"
        assert (await client.post(f"{path}/acceptance")).status_code == 204
        assert (await client.post(f"{path}/start", json={"start_date": "2026-04-06"})).status_code == 204
        declared = await client.post(
            f"{path}/declarations",
            json={"period_start": "2026-04-01", "period_end": "2026-04-30", "volume": 8},
        )
        too_much = await client.post(
            f"{path}/declarations",
            json={"period_start": "2026-05-01", "period_end": "2026-05-07", "volume": 5},
        )
        outside = await client.post(
            f"{path}/declarations",
            json={"period_start": "2026-09-25", "period_end": "2026-10-02", "volume": 1},
        )
        feedback = await client.post(f"{path}/feedback", json={"plan_fits": True})
        stop = await client.post(f"{path}/stop", json={"end_date": "2026-06-30", "reason_code": "19"})
        state = (await client.get(path)).json()
    assert declared.status_code == 201 and declared.json()["amount_cents"] == 8 * 3395
    assert too_much.status_code == 422 and "9321/9322" in too_much.json()["detail"]
    assert outside.status_code == 422 and "outside the assignment period" in outside.json()["detail"]
    assert feedback.status_code == stop.status_code == 204
    assert (state["status"], state["declared_volume"], state["end_reason"]) == ("stopped", 8, "19")

    published = await read_facts(stack.bootstrap, facts("care"), 6, of=[household])
    assert [type(f) for f in published] == [
        ProviderActionRejected,
        AssignmentAccepted,
        CareStarted,
        CareDeclared,
        PlanFeedbackGiven,
        CareStopped,
    ]
    rejected, _, started, declaration, _, stopped = published
    assert isinstance(rejected, ProviderActionRejected)
    assert (rejected.acting_provider_id, rejected.action, rejected.assignment_id) == (
        OTHER,
        "start",
        order.assignment_id,
    )
    assert isinstance(started, CareStarted) and started.start_date == date(2026, 4, 6)
    assert isinstance(declaration, CareDeclared) and (declaration.volume, declaration.amount_cents) == (8, 27160)
    assert isinstance(stopped, CareStopped) and stopped.reason_code == "19"
    assert all(f.subject == str(household) for f in published)


async def test_provider_commands_answer_bad_input_wrong_state_and_strangers_with_a_clear_4xx(stack: Stack) -> None:
    order = assigned(uuid4())
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        await publisher.publish(order)
    path = f"/assignments/{order.assignment_id}"
    async with stack.client("care", org=MANUAL) as client, stack.client("care", user="coach.jansen") as coach:
        await received(client, order.assignment_id)
        professional = await coach.post(f"{path}/acceptance")
        unknown = await client.post(f"/assignments/{uuid4()}/acceptance")
        malformed = await client.post("/assignments/not-a-uuid/acceptance")
        not_accepted = await client.post(f"{path}/start", json={"start_date": "2026-04-06"})
        bad_reason = await client.post(f"{path}/refusal", json={"reason": "busy"})
        extra_field = await client.post(f"{path}/feedback", json={"plan_fits": True, "bsn": "1"})
        refused = await client.post(f"{path}/refusal", json={"reason": "no_capacity"})
        again = await client.post(f"{path}/acceptance")
        declare = await client.post(
            f"{path}/declarations",
            json={"period_start": "2026-04-01", "period_end": "2026-04-07", "volume": 1},
        )
    assert professional.status_code == 403 and professional.json()["rule"] == "care-provider@own-assignments"
    assert unknown.status_code == 404 and malformed.status_code == 422
    assert not_accepted.status_code == 409 and not_accepted.json()["error"] == "assignment_not_accepted"
    assert bad_reason.status_code == 422 and bad_reason.json()["detail"][0]["field"] == "body.reason"
    assert extra_field.status_code == 422
    assert refused.status_code == 204
    assert again.status_code == 409 and declare.status_code == 409


async def test_stop_and_declaration_inputs_are_validated_against_the_code_lists(stack: Stack) -> None:
    order = assigned(uuid4())
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        await publisher.publish(order)
    path = f"/assignments/{order.assignment_id}"
    async with stack.client("care", org=MANUAL) as client:
        await received(client, order.assignment_id)
        await client.post(f"{path}/acceptance")
        not_started = await client.post(f"{path}/stop", json={"end_date": "2026-06-30", "reason_code": "19"})
        await client.post(f"{path}/start", json={"start_date": "2026-04-06"})
        old_code = await client.post(f"{path}/stop", json={"end_date": "2026-06-30", "reason_code": "01"})
        not_a_code = await client.post(f"{path}/stop", json={"end_date": "2026-06-30", "reason_code": "x"})
        no_date = await client.post(f"{path}/start", json={"start_date": "soon"})
        backwards = await client.post(
            f"{path}/declarations",
            json={"period_start": "2026-04-07", "period_end": "2026-04-01", "volume": 1},
        )
        zero = await client.post(
            f"{path}/declarations",
            json={"period_start": "2026-04-01", "period_end": "2026-04-07", "volume": 0},
        )
    assert not_started.status_code == 409 and not_started.json()["error"] == "care_not_started"
    assert old_code.status_code == 422 and "WMO588" in old_code.json()["detail"]
    assert not_a_code.status_code == 422 and not_a_code.json()["detail"][0]["field"] == "body.reason_code"
    assert no_date.status_code == 422 and backwards.status_code == 422
    assert zero.status_code == 422 and zero.json()["detail"][0]["field"] == "body.volume"
