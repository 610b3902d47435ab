"""End to end through the XML: budget's FundsReserved makes the backoffice assign the provider, the gateway puts
the 301 in its mailbox, the provider's 305 is accepted, and the backoffice records the start from the gateway's
fact, as it does from care's."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from kernel.clock import today
from services.iwmo.domain.client import InMemoryClientRecords
from services.iwmo.messages.toewijzing import Wmo301
from services.iwmo.xml import codec
from tests.integration.backoffice.facts import funds_reserved
from tests.integration.iwmo.gateway import client, fetch, outbox, post, start_gateway
from tests.integration.iwmo.test_gateway_flow import start_for
from tests.support.bus import publish
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration


async def test_a_start_posted_as_xml_is_recorded_by_the_backoffice(own_stack: Stack) -> None:
    """A stack of its own: the test runs its own gateway with an in-memory source of client data, which would
    share the shared stack's consumer group with the gateway already running there."""
    stack = own_stack
    reserved = funds_reserved(period_start=today() - timedelta(days=7))
    records = InMemoryClientRecords({reserved.household_id: client()})
    await stack.start(["backoffice"])
    gateway = await start_gateway(stack, records)
    await publish(stack.settings.kafka_bootstrap, reserved)

    [entry] = await outbox(stack, gateway.base_url, expected=1)
    sent = codec.from_xml(await fetch(stack, gateway.base_url, entry["position"]), "301")
    assert isinstance(sent, Wmo301)
    response = await post(stack, gateway.base_url, start_for(sent))
    assert response.json()["outcome"] == "accepted", response.text

    async with stack.client("backoffice") as http:

        async def decision() -> dict[str, Any]:
            return dict((await http.get(f"/decisions/{reserved.decision_id}")).json())

        found = await eventually(decision, lambda d: (d.get("delivery") or {}).get("started_on") is not None)
    assert found["delivery"]["started_on"] == today().isoformat()
