"""Partner signals over Kafka: a payment-arrears signal becomes a case with an offer of help, reported back to the
partner; signals are deduplicated and merged per household; unknown partners are refused and recorded.

Every signal names a BSN, address, reference and ce_id of its own (tests.support.people): on the shared stack
intake would otherwise merge it into another test's household, or take it for another test's signal."""

from __future__ import annotations

from collections import Counter
from typing import Any
from uuid import UUID

import pytest

from contracts.events.intake import CaseOpened, HelpOffered, SignalReceived, SignalRejected
from contracts.partner_signals import ConcernSignal, PaymentArrearsSignal, SignalOutcome
from contracts.topics import dead_letter, facts, partner_outcomes, partner_signals
from kernel.clock import today
from tests.support.bus import facts_now, headers_of, read_facts, read_topic
from tests.support.people import bsn, house_number, reference, signal_of
from tests.support.stack import Stack, eventually
from tooling.partner_signal import send_signal as send

HOUSING_TOPIC = partner_signals("woonstad-almere")  # each partner writes its own topic (config/almere/partners.json)
ENERGY_TOPIC = partner_signals("energie-flevoland")  # each partner writes its own topic (config/almere/partners.json)
SCHOOL_TOPIC = partner_signals("school-de-haven")  # each partner writes its own topic (config/almere/partners.json)
pytestmark = pytest.mark.integration
HOUSING = "urn:nld:oin:00000009000000000001:systeem:huurincasso"
ENERGY = "urn:nld:oin:00000009000000000002:systeem:incasso"
SCHOOL = "urn:nld:oin:00000009000000000005:systeem:zorgteam"


def arrears_signal() -> dict[str, Any]:
    return {"reference": reference("HUUR"), "bsn": bsn(), "postcode": "1353 ab", "house_number": house_number(),
            "name": "Jantien Mulder", "signalled_on": "2026-03-02", "arrears_cents": 45_000}  # fmt: skip


async def received(stack: Stack, source: str, event_id: str) -> SignalReceived:
    """Intake's SignalReceived for the signal a partner sent under this source and ce_id."""
    wanted = signal_of(source, event_id)

    async def found() -> list[SignalReceived]:
        published = await facts_now(stack.bootstrap, facts("intake"))
        return [f for f in published if isinstance(f, SignalReceived) and f.signal_id == wanted]

    [fact] = await eventually(found, bool, timeout=60)
    return fact


async def outcomes_of(stack: Stack, partner: str, signals: set[str]) -> list[Any]:
    """The records on the partner's outcome topic that answer the given signals (by their ce_id)."""
    records = await read_topic(stack.bootstrap, partner_outcomes(partner))
    return [r for r in records if SignalOutcome.model_validate_json(r.value).signal_id in signals]


async def test_payment_arrears_become_a_case_with_an_offer_of_help_reported_back(stack: Stack) -> None:
    bootstrap, arrears = stack.bootstrap, arrears_signal()
    first, energy_id = reference("huur"), reference("energie")
    await send(bootstrap, HOUSING_TOPIC, HOUSING, PaymentArrearsSignal.type, first, arrears)
    await send(bootstrap, HOUSING_TOPIC, HOUSING, PaymentArrearsSignal.type, first, arrears)  # again
    household: UUID = (await received(stack, HOUSING, first)).household_id
    await read_facts(bootstrap, facts("intake"), 8, polls=120, of=[household])  # taken in, before the next merges
    energy = {**arrears, "reference": reference("EN"), "postcode": None, "house_number": None, "arrears_cents": 21_000}
    await send(bootstrap, ENERGY_TOPIC, ENERGY, PaymentArrearsSignal.type, energy_id, energy)

    published = await read_facts(bootstrap, facts("intake"), 11, polls=120, of=[household])
    opened = [f for f in published if isinstance(f, CaseOpened)]
    signals = [f for f in published if isinstance(f, SignalReceived)]
    offers = [f for f in published if isinstance(f, HelpOffered)]
    assert len(opened) == 1 and opened[0].team_id == "wijkteam-haven"  # one household, one case: merged by BSN
    assert [(r.partner_id, r.new_household) for r in signals] == [
        ("woonstad-almere", True),
        ("energie-flevoland", False),
    ]
    assert {r.household_id for r in signals} == {opened[0].household_id} == {o.household_id for o in offers}
    assert sorted(o.arrears_cents for o in offers) == [21_000, 45_000]
    assert "debt-concern-flagged" in " ".join(f.type for f in published)
    everything = await read_topic(bootstrap, facts("intake"), of=[household])
    kinds = Counter(headers_of(r)["ce_type"] for r in {headers_of(r)["ce_id"]: r for r in everything}.values())
    assert (kinds[CaseOpened.type], kinds[SignalReceived.type], kinds[HelpOffered.type]) == (1, 2, 2)  # not 3: the
    # redelivered signal changed nothing

    outcomes = await eventually(lambda: outcomes_of(stack, "woonstad-almere", {first}), bool, timeout=60)
    outcome = SignalOutcome.model_validate_json(outcomes[0].value)
    assert (outcome.signal_id, outcome.outcome, outcome.reported_on) == (first, "help_offered", today())
    assert headers_of(outcomes[0])["ce_type"] == SignalOutcome.type and len(outcomes) == 1
    raw = b"".join(r.value for r in await read_topic(bootstrap, facts("intake")))
    assert arrears["bsn"].encode() not in raw and b"Mulder" not in raw and arrears["reference"].encode() not in raw


async def test_a_concern_signal_by_address_is_taken_into_a_case_and_reported(stack: Stack) -> None:
    event_id = reference("school")
    concern = {"reference": reference("LL"), "postcode": "1361 EF", "house_number": house_number(),
               "signalled_on": "2026-03-02", "life_domains": ["youth"]}  # fmt: skip
    await send(stack.bootstrap, SCHOOL_TOPIC, SCHOOL, ConcernSignal.type, event_id, concern)
    signal = await received(stack, SCHOOL, event_id)
    published = await read_facts(stack.bootstrap, facts("intake"), 6, polls=120, of=[signal.household_id])
    assert signal.kind == "concern" and signal.team_id == "wijkteam-poort"
    assert not [f for f in published if isinstance(f, HelpOffered)]
    outcomes = await eventually(lambda: outcomes_of(stack, "school-de-haven", {event_id}), bool, timeout=60)
    assert SignalOutcome.model_validate_json(outcomes[0].value).outcome == "taken_into_case"


async def test_unknown_partners_are_refused_and_recorded_and_bad_signals_dead_lettered(stack: Stack) -> None:
    bootstrap, arrears, app = stack.bootstrap, arrears_signal(), stack["intake"].app
    assert app is not None
    stored = app.recorder.max_notification_id()
    stranger = "urn:nld:oin:00000009999999999999:systeem:onbekend"
    sent = {key: reference(key) for key in ("stranger", "school", "topic", "broken")}
    await send(bootstrap, HOUSING_TOPIC, stranger, PaymentArrearsSignal.type, sent["stranger"], arrears)
    await send(bootstrap, SCHOOL_TOPIC, SCHOOL, PaymentArrearsSignal.type, sent["school"], arrears)
    await send(bootstrap, ENERGY_TOPIC, HOUSING, PaymentArrearsSignal.type, sent["topic"], arrears)
    broken = {k: v for k, v in arrears.items() if k != "arrears_cents"}
    await send(bootstrap, HOUSING_TOPIC, HOUSING, PaymentArrearsSignal.type, sent["broken"], broken)

    ids = {signal_of(stranger, sent["stranger"]), signal_of(SCHOOL, sent["school"]), signal_of(HOUSING, sent["topic"])}
    published = await read_facts(bootstrap, facts("intake"), 3, polls=120, of=ids)
    assert all(isinstance(f, SignalRejected) for f in published) and len(published) == 3
    reasons = sorted(f.reason for f in published if isinstance(f, SignalRejected))
    assert any("not a registered partner" in r for r in reasons)
    assert any("may not signal payment arrears" in r for r in reasons)
    assert any(f"signs its signals on {HOUSING_TOPIC}, not on {ENERGY_TOPIC}" in r for r in reasons)
    assert arrears["bsn"].encode() not in b"".join(r.value for r in await read_topic(bootstrap, facts("intake")))

    async def parked() -> list[Any]:
        return [
            r
            for r in await read_topic(bootstrap, dead_letter("intake"))
            if headers_of(r).get("ce_id") == sent["broken"]
        ]

    [letter] = await eventually(parked, bool, timeout=60)
    headers = headers_of(letter)
    assert "arrears_cents" in headers["x-dead-letter-reason"]
    assert letter.value in (b"", None) and letter.key is None and "ce_subject" not in headers  # no data copied
    since = app.recorder.select_notifications((stored or 0) + 1, 10_000)
    ours = [n for n in since if n.originator_id in ids]
    assert len(ours) == 3 and all("RejectedSignal" in n.topic for n in ours)  # the three refusals, nothing else
    assert not any("Household" in n.topic for n in since), "no household was made of a refused or broken signal"
