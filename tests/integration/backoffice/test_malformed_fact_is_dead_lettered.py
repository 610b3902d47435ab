"""A malformed fact goes to the backoffice's dead-letter topic with its reason; its partition moves on."""

from __future__ import annotations

import pytest

from contracts.events.budget import FundsReserved
from contracts.topics import dead_letter
from tests.integration.backoffice.facts import funds_reserved
from tests.support.bus import Publisher, headers_of, read_topic
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration


async def test_a_malformed_body_is_dead_lettered_and_the_next_fact_is_still_processed(stack: Stack) -> None:
    fact = funds_reserved()
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        broken = publisher.envelope(FundsReserved, fact.subject)  # valid headers, same key as the valid fact
        await publisher.send(FundsReserved.topic, broken, b'{"decision_id": "not json')
        await publisher.publish(fact)

    async with stack.client("backoffice") as client:
        executed = await eventually(
            lambda: client.get(f"/decisions/{fact.decision_id}"), lambda r: r.status_code == 200, timeout=60
        )
    assert executed.json()["assignment"]["provider_id"] == "zorg-flevoland"

    (parked,) = await read_topic(stack.bootstrap, dead_letter("backoffice"), 1, of=[fact.household_id])
    headers = headers_of(parked)
    assert parked.key.decode() == str(fact.household_id)
    assert headers["ce_id"] == broken.id
    assert headers["x-dead-letter-reason"].startswith("invalid body")
    assert headers["x-original-topic"] == FundsReserved.topic
