"""A fact delivered again, with the same sequence or (republished) under a new one, executes nothing twice."""

from __future__ import annotations

import httpx
import pytest

from contracts.events.backoffice import DecisionLetterIssued, ProviderAssigned
from contracts.topics import facts
from services.backoffice.domain.decision import decision_key
from tests.integration.backoffice.facts import funds_reserved
from tests.support.bus import Publisher, read_facts
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration


def started(response: httpx.Response) -> bool:
    return response.status_code == 200 and response.json()["delivery"]["started_on"] is not None


async def test_republishing_the_same_funds_reserved_changes_nothing(stack: Stack) -> None:
    app = stack["backoffice"].app
    assert app is not None
    fact = funds_reserved()
    sentinel = funds_reserved(household_id=fact.household_id)  # same key, so the same partition: after the copies
    body = fact.model_dump_json().encode()
    async with Publisher(stack.bootstrap) as publisher, stack.client("backoffice") as client:
        envelope = await publisher.publish(fact)
        url = f"/decisions/{fact.decision_id}"
        # The shared stack's reference provider accepts and starts care on the assignment; wait for that to reach
        # the backoffice, so the copies below are the only thing that could still change the decision.
        before = (await eventually(lambda: client.get(url), started)).json()
        version = app.repository.get(decision_key(fact.decision_id)).version

        await publisher.send(fact.topic, envelope, body)  # redelivered: same envelope, same sequence
        await publisher.publish(fact)  # republished: the same decision under a new sequence
        await publisher.publish(sentinel)  # handled only once both copies were
        await eventually(lambda: client.get(f"/decisions/{sentinel.decision_id}"), lambda r: r.status_code == 200)
        after = (await client.get(url)).json()

    assert after == before
    assert app.repository.get(decision_key(fact.decision_id)).version == version
    published = await read_facts(stack.bootstrap, facts("backoffice"), 4, of=[fact.household_id])
    executed = [type(f) for f in published if getattr(f, "decision_id", None) == fact.decision_id]
    assert sorted(executed, key=str) == sorted([DecisionLetterIssued, ProviderAssigned], key=str)  # once each
