"""Intake flagged debts: debt assistance receives the referral with the Wgs due date of the first conversation."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest

from contracts.envelope import CloudEventHeaders
from contracts.events.intake import DebtConcernFlagged
from contracts.topics import facts
from tests.support.bus import Publisher, headers_of, read_topic
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
FRIDAY = date(2026, 3, 6)


def flagged(household_id: UUID, threatening: bool) -> DebtConcernFlagged:
    return DebtConcernFlagged(
        household_id=household_id, case_id=uuid4(), team_id="wijkteam-haven", flagged_on=FRIDAY, threatening=threatening
    )


async def test_debt_concerns_open_trajectories_due_in_three_working_days_or_four_weeks(stack: Stack) -> None:
    household = uuid4()
    urgent, ordinary = flagged(household, threatening=True), flagged(household, threatening=False)
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        await publisher.publish(urgent)
        await publisher.publish(ordinary)

    async with stack.client("debt") as client:

        async def trajectories() -> list[dict[str, Any]]:
            return (await client.get("/trajectories", params={"household_id": str(household)})).json()

        listed = await eventually(trajectories, lambda t: len(t) == 2)
        one = (await client.get(f"/trajectories/{listed[0]['trajectory_id']}")).json()
    due = {t["referral_id"]: t["first_conversation_due"] for t in listed}
    assert due == {str(urgent.case_id): "2026-03-11", str(ordinary.case_id): "2026-04-03"}
    assert one == listed[0] and one["received_on"] == FRIDAY.isoformat()
    assert {t["source"] for t in listed} == {"intake"} and {t["status"] for t in listed} == {"referred"}

    records = await read_topic(stack.bootstrap, facts("debt"), 2, of=[household])
    envelopes = [CloudEventHeaders.from_kafka_headers(headers_of(r)) for r in records]
    assert [e.type for e in envelopes] == ["nl.wijkteam.debt.debt-referral-received.v1"] * 2
    assert {r.key.decode() for r in records} == {str(household)}


async def test_the_trajectory_routes_answer_bad_input_with_a_clear_4xx(stack: Stack) -> None:
    async with stack.client("debt") as client:
        missing = await client.get("/trajectories")
        malformed_household = await client.get("/trajectories", params={"household_id": "not-a-uuid"})
        malformed = await client.get("/trajectories/not-a-uuid")
        unknown = await client.get(f"/trajectories/{uuid4()}")
        none = await client.get("/trajectories", params={"household_id": str(uuid4())})
    assert missing.status_code == malformed_household.status_code == malformed.status_code == 422
    assert malformed_household.json()["detail"][0]["field"] == "query.household_id"
    assert unknown.status_code == 404
    assert none.status_code == 200 and none.json() == []
