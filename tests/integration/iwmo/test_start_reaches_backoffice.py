"""End to end through the XML: budget's FundsReserved makes the backoffice assign the provider, the gateway puts
the 301 (with intake's client data) in its mailbox, the provider's 305 is accepted, and the backoffice records the
start from the gateway's fact, as it does from care's."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from kernel.clock import today
from tests.integration.backoffice.facts import funds_reserved
from tests.integration.iwmo.gateway import PROFESSIONAL, WAIT, Gateway
from tests.integration.iwmo.test_gateway_flow import start_for
from tests.support.bus import publish
from tests.support.stack import eventually

pytestmark = pytest.mark.integration


async def test_a_start_posted_as_xml_is_recorded_by_the_backoffice(gateway: Gateway) -> None:
    resident = await gateway.register()
    reserved = funds_reserved(household_id=resident.household_id, period_start=today() - timedelta(days=7))
    await publish(gateway.stack.bootstrap, reserved)

    mailbox = gateway.mailbox()
    _, sent = await mailbox.toewijzing_for(resident.bsn)
    response = await mailbox.post(start_for(sent))
    assert response.json()["outcome"] == "accepted", response.text

    async def decision() -> dict[str, Any]:
        answer = await gateway.as_user(PROFESSIONAL, "backoffice", "GET", f"/decisions/{reserved.decision_id}")
        return dict(answer.json()) if answer.status_code == 200 else {}

    found = await eventually(decision, lambda d: (d.get("delivery") or {}).get("started_on") is not None, WAIT)
    assert found["delivery"]["started_on"] == today().isoformat()
