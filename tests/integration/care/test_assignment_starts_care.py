"""The reference provider answers assignments from the backoffice: its own are accepted and started, others rejected."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest

from contracts.envelope import CloudEventHeaders
from contracts.events.backoffice import ProviderAssigned
from contracts.events.care import AssignmentAccepted, CareStarted
from contracts.topics import facts
from kernel.clock import today
from tests.support.bus import Publisher, headers_of, read_topic
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration


def provider_assigned(household_id: UUID, provider_id: str) -> ProviderAssigned:
    return ProviderAssigned(
        household_id=household_id,
        assignment_id=uuid4(),
        decision_id=uuid4(),
        provider_id=provider_id,
        product_code="01A01",
        volume=2,
        unit="04",
        frequency="2",
        period_start=today() - timedelta(days=7),
        period_end=today() + timedelta(days=180),
    )


async def test_an_own_assignment_starts_care_and_a_strangers_is_rejected_without_a_fact(stack: Stack) -> None:
    household = uuid4()
    stranger = provider_assigned(household, "zorg-elders")
    own = provider_assigned(household, "zorg-flevoland")
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        await publisher.publish(stranger)  # first on the partition: anything it published would come first
        await publisher.publish(own)

    async with stack.client("care") as client:

        async def assignment(assignment_id: UUID) -> dict[str, Any]:
            response = await client.get(f"/assignments/{assignment_id}")
            return response.json() if response.status_code == 200 else {}

        started = await eventually(lambda: assignment(own.assignment_id), lambda a: a.get("status") == "started")
        strangers = await client.get(f"/assignments/{stranger.assignment_id}")  # not zorg-flevoland's to see
        every = (await client.get("/assignments")).json()  # the caller's own: the token's organisation
        other = await client.get("/assignments", params={"provider_id": "zorg-elders"})
    listed = [a for a in every if a["household_id"] == str(household)]
    assert started["start_date"] == today().isoformat()  # the period began last week: care starts today
    assert strangers.status_code == other.status_code == 403
    assert [a["assignment_id"] for a in listed] == [str(own.assignment_id)]

    await read_topic(stack.bootstrap, facts("care"), 2, of=[household])
    records = await read_topic(stack.bootstrap, facts("care"), of=[household])  # the stranger's came first: none
    envelopes = [CloudEventHeaders.from_kafka_headers(headers_of(r)) for r in records]
    assert [e.type for e in envelopes] == [AssignmentAccepted.type, CareStarted.type]
    assert {r.key.decode() for r in records} == {str(household)}
    assert all(str(own.assignment_id) in r.value.decode() for r in records)


async def test_the_assignment_routes_answer_bad_input_with_a_clear_4xx(stack: Stack) -> None:
    async with stack.client("care") as client:
        empty_provider = await client.get("/assignments", params={"provider_id": ""})
        malformed = await client.get("/assignments/not-a-uuid")
        unknown = await client.get(f"/assignments/{uuid4()}")
        nobody = await client.get("/assignments", params={"provider_id": "zorg-nergens"})  # not the caller
    assert empty_provider.status_code == 422
    assert empty_provider.json()["detail"][0]["field"] == "query.provider_id"
    assert malformed.status_code == 422 and malformed.json()["detail"][0]["field"] == "path.assignment_id"
    assert unknown.status_code == 404
    assert nobody.status_code == 403 and nobody.json()["rule"] == "care-provider@own-assignments"
