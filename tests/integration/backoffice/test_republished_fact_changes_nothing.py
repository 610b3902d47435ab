"""A fact delivered again, with the same sequence or (republished) under a new one, executes nothing twice."""

from __future__ import annotations

import httpx
import pytest

from contracts.topics import facts
from tests.integration.backoffice.facts import funds_reserved
from tests.support.bus import Publisher, read_topic
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration


async def test_republishing_the_same_funds_reserved_changes_nothing(stack: Stack) -> None:
    runtime = (await stack.start(["backoffice"]))["backoffice"]
    app, inbox = runtime.app, runtime.inbox
    assert app is not None and inbox is not None

    async def processed() -> int:
        return inbox.processed

    fact = funds_reserved()
    body = fact.model_dump_json().encode()
    async with Publisher(stack.settings.kafka_bootstrap) as publisher, httpx.AsyncClient() as client:
        envelope = await publisher.publish(fact)
        url = f"{stack.url('backoffice')}/decisions/{fact.decision_id}"
        before = (await eventually(lambda: client.get(url), lambda r: r.status_code == 200)).json()
        stored = app.recorder.max_notification_id()

        await publisher.send(fact.topic, envelope, body)  # redelivered: same envelope, same sequence
        await publisher.publish(fact)  # republished: the same decision under a new sequence
        await eventually(processed, lambda n: n == 3)
        after = (await client.get(url)).json()

    assert after == before
    assert app.recorder.max_notification_id() == stored
    records = await read_topic(stack.settings.kafka_bootstrap, facts("backoffice"), 3, polls=6)
    assert len(records) == 2  # one letter, one assignment
