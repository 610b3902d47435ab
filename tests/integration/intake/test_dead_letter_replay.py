"""Dead letters as an operator's tool (issue 13), end to end on the real broker and PostgreSQL: a partner's signal
refused because its source was not registered yet is parked; replayed before the cause is fixed it is parked again
with the reason and nothing is applied; once partners.json registers the source, the replay opens the case,
exactly once; the counts survive a restart; and no listing ever shows the signal's personal data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from rich.console import Console

from contracts.events.intake import SignalReceived, SignalRejected
from contracts.partner_signals import PaymentArrearsSignal
from contracts.topics import facts, partner_signals, replay
from services.intake.domain.signal import admitted_signal_id
from tests.support.bus import facts_now, produce, read_topic
from tests.support.people import bsn, house_number, reference, signal_of
from tests.support.stack import Stack, eventually
from tooling.deadletters import LetterError, letter, letters, replay_letter, table
from tooling.partner_signal import send_signal

pytestmark = pytest.mark.integration
ALMERE_PARTNERS = Path(__file__).resolve().parents[3] / "config" / "almere" / "partners.json"
PARTNER = "energie-flevoland"
NEW_SOURCE = "urn:nld:oin:00000009000000000002:systeem:incasso-2027"
"""The partner's new collection system, not yet registered when its first signal arrives."""


def partners_file(path: Path, source: str) -> None:
    partners = json.loads(ALMERE_PARTNERS.read_text(encoding="utf-8"))
    for partner in partners["partners"]:
        if partner["id"] == PARTNER:
            partner["source"] = source
    path.write_text(json.dumps(partners), encoding="utf-8")


async def intake_facts(stack: Stack, signal: Any, kind: type) -> list[Any]:
    published = await facts_now(stack.bootstrap, facts("intake"))
    return [f for f in published if isinstance(f, kind) and f.signal_id == signal]


async def the_letter(stack: Stack, event_id: str) -> dict[str, Any]:
    async def found() -> list[dict[str, Any]]:
        return [row for row in await letters(stack.settings, "intake", every=True) if row["event_id"] == event_id]

    [row] = await eventually(found, bool, timeout=60)
    return row


async def refused_count(stack: Stack) -> float:
    async with httpx.AsyncClient(base_url=stack.url("intake"), timeout=10) as client:
        text = (await client.get("/metrics")).text
    wanted = ('group="intake-partners"', 'kind="refused"')
    lines = [line for line in text.splitlines() if line.startswith("wijk_dead_letters_total{")]
    return sum(float(line.rsplit(" ", 1)[1]) for line in lines if all(w in line for w in wanted))


async def test_a_signal_refused_before_its_partner_is_registered_is_replayed_into_a_case_once(
    own_stack: Stack, tmp_path: Path
) -> None:
    """A stack of its own: it edits the partner registration (partners.json) while intake runs."""
    registration = tmp_path / "partners.json"
    partners_file(registration, "urn:nld:oin:00000009000000000002:systeem:incasso")  # the old system only
    own_stack.settings = own_stack.settings.model_copy(update={"partners_config": str(registration)})
    stack = await own_stack.start(["intake"])
    personal = bsn()
    event_id = reference("EN")
    arrears = {"reference": event_id, "bsn": personal, "postcode": "1353 AB", "house_number": house_number(),
               "name": "Jantien Mulder", "signalled_on": "2026-03-02", "arrears_cents": 21_000}  # fmt: skip
    await send_signal(stack.bootstrap, partner_signals(PARTNER), NEW_SOURCE, PaymentArrearsSignal.type, event_id,
                      arrears)  # fmt: skip
    signal = signal_of(NEW_SOURCE, event_id)

    parked = await the_letter(stack, event_id)
    name = f"intake/{parked['id']}"
    assert (parked["kind"], parked["status"], parked["consumer_group"]) == ("refused", "parked", "intake-partners")
    assert "not a registered partner" in parked["reason"]
    assert (parked["topic"], parked["event_type"]) == (partner_signals(PARTNER), PaymentArrearsSignal.type)
    assert await eventually(lambda: intake_facts(stack, signal, SignalRejected), bool)

    console = Console(record=True, width=200)
    console.print(table(await letters(stack.settings, "intake")))
    listing = console.export_text()
    assert name in listing and "refused" in listing and PaymentArrearsSignal.type in listing
    assert personal not in listing and "Jantien" not in listing and personal not in json.dumps(parked, default=str)

    await replay_letter(stack.settings, name)  # the cause is not fixed yet: parked again, with the reason
    again = await eventually(lambda: letter(stack.settings, name), lambda row: row["status"] == "parked", timeout=60)
    assert "not a registered partner" in again["reason"] and again["parked_at"] > parked["parked_at"]
    admitted = admitted_signal_id(NEW_SOURCE, event_id)  # the refusal stays on record under `signal`
    assert (
        await intake_facts(stack, signal, SignalReceived) == await intake_facts(stack, admitted, SignalReceived) == []
    )

    partners_file(registration, NEW_SOURCE)  # the municipality registers the new system
    await replay_letter(stack.settings, name)
    [received] = await eventually(lambda: intake_facts(stack, admitted, SignalReceived), bool, timeout=60)
    assert received.kind == "payment_arrears"
    done = await eventually(lambda: letter(stack.settings, name), lambda row: row["status"] == "replayed")
    assert done["settled_at"] is not None
    with pytest.raises(LetterError, match="is replayed"):
        await replay_letter(stack.settings, name)

    replays = await read_topic(stack.bootstrap, replay("intake"))
    await produce(stack.bootstrap, [(r.topic, r.key, r.value, list(r.headers)) for r in replays])  # delivered twice
    sentinel = reference("EN")
    await send_signal(stack.bootstrap, partner_signals(PARTNER), NEW_SOURCE, PaymentArrearsSignal.type, sentinel,
                      {**arrears, "reference": sentinel, "bsn": bsn()})  # fmt: skip
    await eventually(lambda: intake_facts(stack, signal_of(NEW_SOURCE, sentinel), SignalReceived), bool, timeout=60)
    assert len(await intake_facts(stack, admitted, SignalReceived)) == 1  # applied exactly once

    before = await refused_count(stack)
    await stack.stop(["intake"])
    await stack.start(["intake"])
    assert await eventually(lambda: refused_count(stack), lambda n: n >= 1) == before >= 1  # read from the table
