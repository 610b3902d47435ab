"""Intake refuses what looked valid but was not (issue 18, #6): a BSN registered twice, impossible dates, hidden
characters, a partner's BSN failing the 11-proef, and a 5 KB CloudEvents source."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from contracts.events.intake import SignalReceived, SignalRejected
from contracts.partner_signals import PaymentArrearsSignal
from contracts.topics import dead_letter, facts, partner_signals
from kernel.clock import today
from tests.support.bus import headers_of, read_facts, read_topic
from tests.support.stack import Stack, eventually
from tooling.partner_signal import send_signal

pytestmark = pytest.mark.integration
HOUSING = "urn:nld:oin:00000009000000000001:systeem:huurincasso"
RESIDENT = {"given_name": "Anna", "family_name": "Jansen", "bsn": "999990019"}
HOUSEHOLD = {"address": {"street": "Havenstraat", "house_number": "12", "postcode": "1353 AB"}, "residents": [RESIDENT]}
ARREARS = {"reference": "HUUR-7", "bsn": "999990019", "signalled_on": today().isoformat(), "arrears_cents": 45_000}


def household(**resident: Any) -> dict[str, Any]:
    return {**HOUSEHOLD, "residents": [{**RESIDENT, **resident}]}


async def test_a_second_household_with_a_registered_bsn_is_409_and_signals_stay_with_the_first(stack: Stack) -> None:
    await stack.start(["intake"])
    async with httpx.AsyncClient(base_url=stack.url("intake"), timeout=30) as client:
        first = await client.post("/households", json=HOUSEHOLD)
        moved = {**HOUSEHOLD, "address": {"street": "Kade", "house_number": "3", "postcode": "1361 EF"}}
        second = await client.post("/households", json=moved)
    assert first.status_code == 201
    assert second.status_code == 409
    assert first.json()["household_id"] not in second.text  # it names nothing the caller did not send
    bootstrap = stack.settings.kafka_bootstrap
    await send_signal(bootstrap, partner_signals("housing"), HOUSING, PaymentArrearsSignal.type, "h-1", ARREARS)
    published = await eventually(
        lambda: read_facts(bootstrap, facts("intake"), 100, polls=2),
        lambda found: any(isinstance(f, SignalReceived) for f in found),
    )
    [received] = [f for f in published if isinstance(f, SignalReceived)]
    assert str(received.household_id) == first.json()["household_id"]


@pytest.mark.parametrize(
    "body",
    [
        household(date_of_birth="9999-12-31"),
        household(date_of_birth="0001-01-01"),
        household(date_of_birth=(today() + timedelta(days=1)).isoformat()),
        household(given_name="An\x00na"),
        household(family_name="Jan\u202esen"),
        household(bsn="".join(chr(0xFF10 + int(d)) for d in "999990019")),
        household(family_name="x" * 1000),
    ],
    ids=["born-9999", "born-year-1", "born-tomorrow", "nul", "rtl-override", "fullwidth-bsn", "long-name"],
)
async def test_impossible_household_details_are_422(stack: Stack, body: dict[str, Any]) -> None:
    if "intake" not in stack.runtimes:
        await stack.start(["intake"])
    async with httpx.AsyncClient(base_url=stack.url("intake"), timeout=30) as client:
        refused = await client.post("/households", json=body)
    assert refused.status_code == 422, refused.text


async def test_a_clock_cannot_stop_in_the_future(stack: Stack) -> None:
    await stack.start(["intake"])
    async with httpx.AsyncClient(base_url=stack.url("intake"), timeout=30) as client:
        opened = await client.post("/support-requests", json={"postcode": "1353 AB", "life_domains": ["income"]})
        case_id = opened.json()["case_id"]
        far = await client.post(f"/cases/{case_id}/clocks/personal_plan/stop", json={"stopped_on": "9999-12-31"})
        tomorrow = (today() + timedelta(days=1)).isoformat()
        soon = await client.post(f"/cases/{case_id}/clocks/personal_plan/stop", json={"stopped_on": tomorrow})
        now = await client.post(f"/cases/{case_id}/clocks/personal_plan/stop", json={})
    assert (far.status_code, soon.status_code, now.status_code) == (422, 422, 200)


async def test_a_partner_bsn_failing_the_11_proef_is_dead_lettered_not_taken(stack: Stack) -> None:
    await stack.start(["intake"])
    bootstrap = stack.settings.kafka_bootstrap
    wrong = {**ARREARS, "bsn": "123456789"}  # nine digits, fails the 11-proef
    await send_signal(bootstrap, partner_signals("housing"), HOUSING, PaymentArrearsSignal.type, "h-2", wrong)
    [letter] = await read_topic(bootstrap, dead_letter("intake"), 1, polls=120)
    assert "11-proef" in headers_of(letter)["x-dead-letter-reason"]
    assert await read_topic(bootstrap, facts("intake")) == []


async def test_a_5_kb_source_is_not_stored_in_a_signal_rejected_fact(stack: Stack) -> None:
    await stack.start(["intake"])
    bootstrap = stack.settings.kafka_bootstrap
    source = "urn:nld:oin:" + "9" * 5000
    headers = {"ce_id": "big-1", "ce_source": source, "ce_type": PaymentArrearsSignal.type,
               "ce_time": "2026-03-02T10:00:00+00:00", "ce_subject": "HUUR-7", "ce_specversion": "1.0"}  # fmt: skip
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(
            partner_signals("housing"),
            b'{"reference": "HUUR-7", "bsn": "999990019", "signalled_on": "2026-03-02", "arrears_cents": 100}',
            key=b"HUUR-7",
            headers=[(k, v.encode()) for k, v in headers.items()],
        )
    finally:
        await producer.stop()
    [letter] = await read_topic(bootstrap, dead_letter("intake"), 1, polls=120)
    assert "ce_source" in headers_of(letter)["x-dead-letter-reason"]
    published = await read_topic(bootstrap, facts("intake"))
    assert [r for r in published if headers_of(r)["ce_type"] == SignalRejected.type] == []
