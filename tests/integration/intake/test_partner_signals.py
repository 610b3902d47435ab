"""Partner signals over Kafka: a payment-arrears signal becomes a case with an offer of help, reported back to the
partner; signals are deduplicated and merged per household; unknown partners are refused and recorded."""

from __future__ import annotations

import pytest

from contracts.events.intake import CaseOpened, HelpOffered, SignalReceived, SignalRejected
from contracts.partner_signals import ConcernSignal, PaymentArrearsSignal, SignalOutcome
from contracts.topics import dead_letter, facts, partner_outcomes, partner_signals
from kernel.clock import today
from tests.support.bus import headers_of, read_facts, read_topic
from tests.support.stack import Stack
from tooling.partner_signal import send_signal as send

pytestmark = pytest.mark.integration
HOUSING = "urn:nld:oin:00000009000000000001:systeem:huurincasso"
ENERGY = "urn:nld:oin:00000009000000000002:systeem:incasso"
SCHOOL = "urn:nld:oin:00000009000000000005:systeem:zorgteam"
ARREARS = {"reference": "HUUR-0042", "bsn": "999990019", "postcode": "1353 ab", "house_number": "5",
           "name": "Jantien Mulder", "signalled_on": "2026-03-02", "arrears_cents": 45_000}  # fmt: skip


async def test_payment_arrears_become_a_case_with_an_offer_of_help_reported_back(stack: Stack) -> None:
    await stack.start(["intake"])
    bootstrap = stack.settings.kafka_bootstrap
    await send(bootstrap, partner_signals("housing"), HOUSING, PaymentArrearsSignal.type, "huur-1", ARREARS)
    await send(bootstrap, partner_signals("housing"), HOUSING, PaymentArrearsSignal.type, "huur-1", ARREARS)  # again
    await read_facts(bootstrap, facts("intake"), 8, polls=120)  # taken in, before the next one can merge with it
    energy = {**ARREARS, "reference": "EN-7", "postcode": None, "house_number": None, "arrears_cents": 21_000}
    await send(bootstrap, partner_signals("energy"), ENERGY, PaymentArrearsSignal.type, "energie-1", energy)

    published = await read_facts(bootstrap, facts("intake"), 11, polls=120)
    opened = [f for f in published if isinstance(f, CaseOpened)]
    received = [f for f in published if isinstance(f, SignalReceived)]
    offers = [f for f in published if isinstance(f, HelpOffered)]
    assert len(opened) == 1 and opened[0].team_id == "wijkteam-haven"  # one household, one case: merged by BSN
    assert [(r.partner_id, r.new_household) for r in received] == [
        ("woonstad-almere", True),
        ("energie-flevoland", False),
    ]
    assert {r.household_id for r in received} == {opened[0].household_id} == {o.household_id for o in offers}
    assert sorted(o.arrears_cents for o in offers) == [21_000, 45_000]
    assert "debt-concern-flagged" in " ".join(f.type for f in published)
    everything = {headers_of(r)["ce_id"] for r in await read_topic(bootstrap, facts("intake"))}
    assert len(everything) == 11  # the redelivered signal changed nothing

    outcomes = await read_topic(bootstrap, partner_outcomes("woonstad-almere"), 1, polls=60)
    outcome = SignalOutcome.model_validate_json(outcomes[0].value)
    assert (outcome.signal_id, outcome.outcome, outcome.reported_on) == ("huur-1", "help_offered", today())
    assert headers_of(outcomes[0])["ce_type"] == SignalOutcome.type and len(outcomes) == 1
    raw = b"".join(r.value for r in await read_topic(bootstrap, facts("intake")))
    assert b"999990019" not in raw and b"Mulder" not in raw and b"HUUR-0042" not in raw


async def test_a_concern_signal_by_address_is_taken_into_a_case_and_reported(stack: Stack) -> None:
    await stack.start(["intake"])
    bootstrap = stack.settings.kafka_bootstrap
    concern = {"reference": "LL-3", "postcode": "1361 EF", "house_number": "20", "signalled_on": "2026-03-02",
               "life_domains": ["youth"]}  # fmt: skip
    await send(bootstrap, partner_signals("school"), SCHOOL, ConcernSignal.type, "school-1", concern)
    published = await read_facts(bootstrap, facts("intake"), 6, polls=120)
    received = [f for f in published if isinstance(f, SignalReceived)]
    assert len(received) == 1 and received[0].kind == "concern" and received[0].team_id == "wijkteam-poort"
    assert not [f for f in published if isinstance(f, HelpOffered)]
    outcomes = await read_topic(bootstrap, partner_outcomes("school-de-haven"), 1, polls=60)
    assert SignalOutcome.model_validate_json(outcomes[0].value).outcome == "taken_into_case"


async def test_unknown_partners_are_refused_and_recorded_and_bad_signals_dead_lettered(stack: Stack) -> None:
    await stack.start(["intake"])
    bootstrap = stack.settings.kafka_bootstrap
    stranger = "urn:nld:oin:00000009999999999999:systeem:onbekend"
    await send(bootstrap, partner_signals("housing"), stranger, PaymentArrearsSignal.type, "x-1", ARREARS)
    await send(bootstrap, partner_signals("school"), SCHOOL, PaymentArrearsSignal.type, "x-2", ARREARS)
    await send(bootstrap, partner_signals("energy"), HOUSING, PaymentArrearsSignal.type, "x-3", ARREARS)
    broken = {k: v for k, v in ARREARS.items() if k != "arrears_cents"}
    await send(bootstrap, partner_signals("housing"), HOUSING, PaymentArrearsSignal.type, "x-4", broken)

    published = await read_facts(bootstrap, facts("intake"), 3, polls=120)
    assert all(isinstance(f, SignalRejected) for f in published) and len(published) == 3
    reasons = sorted(f.reason for f in published if isinstance(f, SignalRejected))
    assert any("not a registered partner" in r for r in reasons)
    assert any("may not signal payment arrears" in r for r in reasons)
    assert any("not registered for topic nl.wijkteam.partner.energy.signals" in r for r in reasons)
    assert b"999990019" not in b"".join(r.value for r in await read_topic(bootstrap, facts("intake")))

    letters = await read_topic(bootstrap, dead_letter("intake"), 1, polls=60)
    letter = headers_of(letters[0])
    assert letter["ce_id"] == "x-4" and "arrears_cents" in letter["x-dead-letter-reason"]
    assert letters[0].value in (b"", None) and "ce_subject" not in letter  # the raw signal's data is not copied
    assert stack["intake"].app.recorder.max_notification_id() == 3  # type: ignore[union-attr]
