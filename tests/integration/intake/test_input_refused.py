"""Intake refuses what looked valid but was not (issue 18, #6): a BSN registered twice, impossible dates, hidden
characters, a partner's BSN failing the 11-proef, and a 5 KB CloudEvents source."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer

from contracts.events.intake import SignalReceived, SignalRejected
from contracts.partner_signals import PaymentArrearsSignal
from contracts.topics import dead_letter, facts, partner_signals
from kernel.clock import today
from services.intake.domain.signal import signal_id
from tests.support.bus import headers_of, read_topic
from tests.support.people import bsn, house_number, reference
from tests.support.stack import Stack, eventually
from tooling.partner_signal import send_signal

HOUSING_TOPIC = partner_signals("woonstad-almere")  # each partner writes its own topic (config/almere/partners.json)
pytestmark = pytest.mark.integration
HOUSING = "urn:nld:oin:00000009000000000001:systeem:huurincasso"
RESIDENT = {"given_name": "Anna", "family_name": "Jansen", "bsn": "999990019"}
HOUSEHOLD = {"address": {"street": "Havenstraat", "house_number": "12", "postcode": "1353 AB"}, "residents": [RESIDENT]}
ARREARS = {"reference": "HUUR-7", "bsn": "999990019", "signalled_on": today().isoformat(), "arrears_cents": 45_000}


def household(**resident: Any) -> dict[str, Any]:
    return {**HOUSEHOLD, "residents": [{**RESIDENT, **resident}]}


async def test_a_second_household_with_a_registered_bsn_is_409_and_signals_stay_with_the_first(stack: Stack) -> None:
    number, own_bsn, event_id = house_number(), bsn(), reference("h")
    registered = {
        "address": {"street": "Havenstraat", "house_number": number, "postcode": "1353 AB"},
        "residents": [{**RESIDENT, "bsn": own_bsn}],
    }
    async with stack.client("intake", timeout=30) as client:
        first = await client.post("/households", json=registered)
        moved = {**registered, "address": {"street": "Kade", "house_number": house_number(), "postcode": "1361 EF"}}
        second = await client.post("/households", json=moved)
    assert first.status_code == 201
    assert second.status_code == 409
    assert first.json()["household_id"] not in second.text  # it names nothing the caller did not send
    bootstrap = stack.settings.kafka_bootstrap
    arrears = {**ARREARS, "reference": event_id, "bsn": own_bsn}
    await send_signal(bootstrap, HOUSING_TOPIC, HOUSING, PaymentArrearsSignal.type, event_id, arrears)
    [received] = await eventually(
        lambda: intake_facts_about(bootstrap, signal_id(HOUSING, event_id)),
        lambda found: any(isinstance(f, SignalReceived) for f in found),
    )
    assert str(received.household_id) == first.json()["household_id"]


@pytest.mark.parametrize(
    "body",  # made when the test runs: "tomorrow" made at collection may be today by then
    [
        lambda: household(date_of_birth="9999-12-31"),
        lambda: household(date_of_birth="0001-01-01"),
        lambda: household(date_of_birth=(today() + timedelta(days=1)).isoformat()),
        lambda: household(given_name="An\x00na"),
        lambda: household(family_name="Jan\u202esen"),
        lambda: household(bsn="".join(chr(0xFF10 + int(d)) for d in "999990019")),
        lambda: household(family_name="x" * 1000),
    ],
    ids=["born-9999", "born-year-1", "born-tomorrow", "nul", "rtl-override", "fullwidth-bsn", "long-name"],
)
async def test_impossible_household_details_are_422(stack: Stack, body: Callable[[], dict[str, Any]]) -> None:
    if "intake" not in stack.runtimes:
        await stack.start(["intake"])
    async with stack.client("intake", timeout=30) as client:
        refused = await client.post("/households", json=body())
    assert refused.status_code == 422, refused.text


async def test_a_clock_cannot_stop_in_the_future(stack: Stack) -> None:
    await stack.start(["intake"])
    async with stack.client("intake", timeout=30) as client:
        opened = await client.post("/support-requests", json={"postcode": "1353 AB", "life_domains": ["income"]})
        case_id = opened.json()["case_id"]
        far = await client.post(f"/cases/{case_id}/clocks/personal_plan/stop", json={"stopped_on": "9999-12-31"})
        tomorrow = (today() + timedelta(days=1)).isoformat()
        soon = await client.post(f"/cases/{case_id}/clocks/personal_plan/stop", json={"stopped_on": tomorrow})
        now = await client.post(f"/cases/{case_id}/clocks/personal_plan/stop", json={})
    assert (far.status_code, soon.status_code, now.status_code) == (422, 422, 200)


async def letters_of(bootstrap: str, event_id: str) -> list[Any]:
    """intake's dead letters of one partner message (redacted: no key or subject, but the message's ce_id)."""
    letters = await read_topic(bootstrap, dead_letter("intake"))
    return [r for r in letters if headers_of(r).get("ce_id") == event_id]


async def intake_facts_about(bootstrap: str, signal: uuid.UUID) -> list[Any]:
    """intake's facts that record this signal, taken (SignalReceived) or refused (SignalRejected)."""
    kinds = {SignalReceived.type: SignalReceived, SignalRejected.type: SignalRejected}
    records = await read_topic(bootstrap, facts("intake"))
    found = [kinds[t].model_validate_json(r.value) for r in records if (t := headers_of(r)["ce_type"]) in kinds]
    return [f for f in found if f.signal_id == signal]


async def test_a_partner_bsn_failing_the_11_proef_is_dead_lettered_not_taken(stack: Stack) -> None:
    bootstrap, event_id = stack.settings.kafka_bootstrap, f"h-{uuid.uuid4().hex[:12]}"
    wrong = {**ARREARS, "bsn": "123456789"}  # nine digits, fails the 11-proef
    await send_signal(bootstrap, HOUSING_TOPIC, HOUSING, PaymentArrearsSignal.type, event_id, wrong)
    [letter] = await eventually(lambda: letters_of(bootstrap, event_id), bool)
    assert "11-proef" in headers_of(letter)["x-dead-letter-reason"]
    assert await intake_facts_about(bootstrap, signal_id(HOUSING, event_id)) == []


async def test_a_5_kb_source_is_not_stored_in_a_signal_rejected_fact(stack: Stack) -> None:
    bootstrap, event_id = stack.settings.kafka_bootstrap, f"big-{uuid.uuid4().hex[:12]}"
    source = "urn:nld:oin:" + "9" * 5000
    headers = {"ce_id": event_id, "ce_source": source, "ce_type": PaymentArrearsSignal.type,
               "ce_time": "2026-03-02T10:00:00+00:00", "ce_subject": "HUUR-7", "ce_specversion": "1.0"}  # fmt: skip
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(
            HOUSING_TOPIC,
            b'{"reference": "HUUR-7", "bsn": "999990019", "signalled_on": "2026-03-02", "arrears_cents": 100}',
            key=b"HUUR-7",
            headers=[(k, v.encode()) for k, v in headers.items()],
        )
    finally:
        await producer.stop()
    [letter] = await eventually(lambda: letters_of(bootstrap, event_id), bool)
    assert "ce_source" in headers_of(letter)["x-dead-letter-reason"]
    assert await intake_facts_about(bootstrap, signal_id(source, event_id)) == []
