"""A referral from the backoffice carried through first conversation, stabilisation, arrangement and closure,
each step a fact on the bus; steps out of order are refused with 409, bad input with 422."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest

from contracts.events.backoffice import DebtReferralSent
from contracts.events.debt import (
    DebtArrangementReached,
    DebtIntakeHeld,
    DebtReferralReceived,
    DebtStabilised,
    DebtTrajectoryClosed,
)
from contracts.topics import facts
from tests.support.bus import Publisher, read_facts
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
MONDAY = date(2026, 3, 2)


async def referred(client: httpx.AsyncClient, household_id: UUID) -> dict[str, Any]:
    async def listed() -> list[dict[str, Any]]:
        return (await client.get("/trajectories", params={"household_id": str(household_id)})).json()

    (trajectory,) = await eventually(listed, lambda t: len(t) == 1, timeout=60)
    return trajectory


async def test_a_backoffice_referral_is_carried_through_to_closure(stack: Stack) -> None:
    household = uuid4()
    referral = DebtReferralSent(
        household_id=household, referral_id=uuid4(), team_id="wijkteam-stad", referred_on=MONDAY, threatening=False
    )
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        await publisher.publish(referral)
    async with stack.client("debt") as client:
        trajectory = await referred(client, household)
        path = f"/trajectories/{trajectory['trajectory_id']}"
        early_arrangement = await client.post(
            f"{path}/arrangement", json={"arrangement": "debt_settlement", "reached_on": "2026-03-20"}
        )
        early_debt_free = await client.post(f"{path}/closure", json={"outcome": "debt_free", "closed_on": "2026-03-20"})
        steps = [
            await client.post(f"{path}/intake-conversation", json={"held_on": "2026-03-23"}),
            await client.post(f"{path}/stabilisation", json={"stabilised_on": "2026-04-20"}),
            await client.post(
                f"{path}/arrangement", json={"arrangement": "debt_settlement", "reached_on": "2026-06-01"}
            ),
            await client.post(f"{path}/closure", json={"outcome": "arrangement_in_place", "closed_on": "2026-06-15"}),
        ]
        after_closure = await client.post(f"{path}/stabilisation", json={"stabilised_on": "2026-07-01"})
        state = (await client.get(path)).json()
    assert early_arrangement.status_code == early_debt_free.status_code == 409
    assert early_arrangement.json()["error"] == "step_out_of_order"
    assert [s.status_code for s in steps] == [204] * 4
    assert after_closure.status_code == 409
    assert (state["source"], state["status"], state["outcome"]) == ("backoffice", "closed", "arrangement_in_place")
    assert state["referral_id"] == str(referral.referral_id) and state["first_conversation_due"] == "2026-03-30"

    published = await read_facts(stack.bootstrap, facts("debt"), 5, of=[household])
    assert [type(f) for f in published] == [
        DebtReferralReceived,
        DebtIntakeHeld,
        DebtStabilised,
        DebtArrangementReached,
        DebtTrajectoryClosed,
    ]
    received, held, _, arranged, closed = published
    assert isinstance(received, DebtReferralReceived) and received.source == "backoffice"
    assert isinstance(held, DebtIntakeHeld) and held.within_term and held.held_on == date(2026, 3, 23)
    assert isinstance(arranged, DebtArrangementReached) and arranged.arrangement == "debt_settlement"
    assert isinstance(closed, DebtTrajectoryClosed) and closed.outcome == "arrangement_in_place"
    assert all(f.subject == str(household) for f in published)


async def test_the_step_routes_answer_bad_input_with_a_clear_4xx(stack: Stack) -> None:
    household = uuid4()
    referral = DebtReferralSent(
        household_id=household, referral_id=uuid4(), team_id="wijkteam-stad", referred_on=MONDAY
    )
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        await publisher.publish(referral)
    async with stack.client("debt") as client:
        path = f"/trajectories/{(await referred(client, household))['trajectory_id']}"
        unknown = await client.post(f"/trajectories/{uuid4()}/intake-conversation", json={"held_on": "2026-03-03"})
        malformed = await client.post("/trajectories/x/intake-conversation", json={"held_on": "2026-03-03"})
        no_date = await client.post(f"{path}/intake-conversation", json={})
        before_referral = await client.post(f"{path}/intake-conversation", json={"held_on": "2026-03-01"})
        future = await client.post(f"{path}/intake-conversation", json={"held_on": "2099-01-01"})  # in the window
        bad_outcome = await client.post(f"{path}/closure", json={"outcome": "happy", "closed_on": "2026-03-03"})
        bad_kind = await client.post(f"{path}/arrangement", json={"arrangement": "lottery", "reached_on": "2026-03-03"})
        extra = await client.post(f"{path}/stabilisation", json={"stabilised_on": "2026-03-03", "note": "x"})
    assert unknown.status_code == 404
    assert malformed.status_code == no_date.status_code == 422
    assert no_date.json()["detail"][0]["field"] == "body.held_on"
    assert before_referral.status_code == 422 and "before the previous step" in before_referral.json()["detail"]
    assert future.status_code == 422 and future.json()["error"] == "invalid_step_date"
    assert bad_outcome.json()["detail"][0]["field"] == "body.outcome" and bad_outcome.status_code == 422
    assert bad_kind.status_code == extra.status_code == 422
