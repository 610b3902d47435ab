"""Budget funded a decision: the backoffice sends the beschikking, assigns the provider, and care starts."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.envelope import CloudEventHeaders
from contracts.topics import facts
from kernel.clock import today
from services.backoffice.terms import objection_deadline
from tests.integration.backoffice.facts import funds_reserved
from tests.support.bus import Publisher, headers_of, read_topic
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration


async def test_funds_reserved_issues_the_letter_assigns_the_provider_and_care_starts(stack: Stack) -> None:
    fact = funds_reserved()
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        await publisher.publish(fact)

    async with stack.client("care") as care:

        async def started() -> list[dict[str, Any]]:
            response = await care.get("/assignments", params={"provider_id": "zorg-flevoland"})
            mine = [a for a in response.json() if a["household_id"] == str(fact.household_id)]
            return [a for a in mine if a["status"] == "started"]

        (assignment,) = await eventually(started, bool, timeout=60)
    assert assignment["decision_id"] == str(fact.decision_id)
    assert assignment["household_id"] == str(fact.household_id)
    assert assignment["start_date"] == fact.period_start.isoformat()

    async with stack.client("backoffice") as backoffice:
        decision = (await backoffice.get(f"/decisions/{fact.decision_id}")).json()
        letter = await backoffice.get(f"/decisions/{fact.decision_id}/letter")
    dispatched = today()
    assert decision["letter"]["decision_date"] == fact.decided_on.isoformat()
    assert decision["letter"]["dispatch_date"] == dispatched.isoformat()
    assert decision["letter"]["objection_deadline"] == objection_deadline(dispatched).isoformat()
    assert decision["assignment"]["assignment_id"] == assignment["assignment_id"]
    assert (decision["assignment"]["product_code"], decision["assignment"]["volume"]) == ("01A01", 2)
    assert letter.status_code == 200 and letter.headers["content-type"].startswith("text/plain")
    assert "€ 1.234,56" in letter.text and "J. de Vries, wijkcoach" in letter.text


async def test_the_letter_is_published_before_the_assignment_keyed_by_household(stack: Stack) -> None:
    fact = funds_reserved()
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        await publisher.publish(fact)

    records = await read_topic(stack.bootstrap, facts("backoffice"), 2, of=[fact.household_id])
    envelopes = [CloudEventHeaders.from_kafka_headers(headers_of(r)) for r in records]
    assert [e.type for e in envelopes] == [
        "nl.wijkteam.backoffice.decision-letter-issued.v1",
        "nl.wijkteam.backoffice.provider-assigned.v1",
    ]
    assert {r.key.decode() for r in records} == {e.subject for e in envelopes} == {str(fact.household_id)}
    assert all(e.source.endswith(":systeem:backoffice") for e in envelopes)
