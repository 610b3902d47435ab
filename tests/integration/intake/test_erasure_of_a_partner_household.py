"""The erasure proof for a household that came in through a partner signal (vroegsignalering).

Intake seals what the signal says about the resident with the household's key at once, so once the key is
destroyed no table and no topic intake writes holds the signal's identifying values. What stays is the partner's
own raw message on its signal topic: the embedded Tansu broker cannot truncate a topic (DeleteRecords is not
implemented there) nor enforce retention, so that message lives until the topic's retention on Apache Kafka
(docs/adr/0003-privacy.md, "Residual window"). This test pins that residual to exactly that one place: if personal
data shows up anywhere else, or if the broker starts truncating, it fails and the ADR must be revisited.
"""

from __future__ import annotations

from uuid import UUID

import pytest

from contracts.events.intake import SignalReceived
from contracts.partner_signals import PaymentArrearsSignal
from contracts.topics import facts, partner_signals
from tests.integration.intake.raw_stores import forms
from tests.integration.intake.test_erasure_leaves_nothing import erasures_reported, reported, search
from tests.integration.intake.test_partner_signals import HOUSING
from tests.integration.intake.test_partner_signals import received as received_signal
from tests.support.bus import read_facts
from tests.support.people import reference
from tests.support.stack import TEAM_PROFESSIONAL, Stack, eventually
from tooling.partner_signal import send_signal as send

pytestmark = pytest.mark.integration
SIGNAL = {"reference": "HUUR-7731-WB", "bsn": "999990147", "postcode": "1353 RT", "house_number": "231H",
          "name": "Geertruida Wolthuis-Bakema", "phone": "0687123490", "email": "g.wolthuis@example.net",
          "signalled_on": "2026-03-09", "arrears_cents": 61_250}  # fmt: skip
IDENTIFYING = ["999990147", "1353 RT", "1353RT", "Geertruida Wolthuis-Bakema", "Wolthuis", "0687123490",
               "g.wolthuis@example.net", "HUUR-7731-WB"]  # fmt: skip
"""The signal's identifying values (the bare house number is too short to search for without false hits)."""
RAW_TOPIC = partner_signals("woonstad-almere")


async def test_an_erased_partner_household_is_nowhere_but_in_the_partners_own_raw_signal(stack: Stack) -> None:
    bootstrap = stack.settings.kafka_bootstrap
    needles = [form for value in IDENTIFYING for form in forms(value)]
    event_id = reference("huur-erase")
    await send(bootstrap, RAW_TOPIC, HOUSING, PaymentArrearsSignal.type, event_id, SIGNAL)
    signal = await received_signal(stack, HOUSING, event_id)
    household_id = str(signal.household_id)
    published = await read_facts(bootstrap, facts("intake"), 8, polls=120, of=[household_id])
    received = [f for f in published if isinstance(f, SignalReceived)]
    assert len(received) == 1 and received[0].new_household, [f.type for f in published]

    team = stack["intake"].app.present_household(signal.household_id).team_id  # type: ignore[union-attr]
    async with (
        stack.client("intake", timeout=20, user=TEAM_PROFESSIONAL[team]) as client,
        stack.client("intake", user="privacy") as privacy,
    ):
        shown = await client.get(f"/households/{household_id}")
        assert shown.status_code == 200 and "Geertruida Wolthuis-Bakema" in shown.text, shown.text
        assert "999990147" in shown.text  # the team can read what the partner said, unsealed by the key
        before = await eventually(lambda: reported(stack, household_id), lambda n: n >= 5)
        key = await stack["intake"].pool.fetchval(  # type: ignore[union-attr]
            "SELECT key FROM intake.household_key WHERE household_id = $1::uuid", household_id
        )
        controls = [household_id.encode(), UUID(household_id).hex.encode()]  # as the bus and the event store hold it
        sealed = await search(stack, [*needles, *controls])
        assert {place for needle, place in sealed if needle not in controls} == {RAW_TOPIC}, "sealed everywhere else"
        assert {b"999990147", b"Wolthuis", b"HUUR-7731-WB"} <= {needle for needle, _ in sealed}  # search finds
        controlled = {place for needle, place in sealed if needle in controls}  # the search reaches these stores
        assert {"intake.intake_events.state", "reporting.fact.subject", facts("intake")} <= controlled, controlled

        erased = await privacy.post(f"/households/{household_id}/erasure")
        assert erased.status_code == 200, erased.text
        gone = await client.get(f"/households/{household_id}")
    assert gone.status_code == 410 and "Wolthuis" not in gone.text
    await eventually(lambda: erasures_reported(stack, household_id), lambda n: n == 1)  # the facts still count,
    assert await reported(stack, household_id) > before  # the erasure among them (a clock's stop may come meanwhile)

    left = await search(stack, [*needles, key, key.hex().encode()])
    assert {place for _, place in left} == {RAW_TOPIC}, f"personal data outside the partner's raw topic: {left}"
    assert {needle for needle, _ in left} <= set(needles)  # the destroyed key is nowhere
    lookups = await stack["intake"].pool.fetchval(  # type: ignore[union-attr]
        "SELECT count(*) FROM intake.household_lookup WHERE household_id = $1::uuid", household_id
    )
    assert lookups == 0  # no blind index of the BSN or address links the pseudonymous id to the resident any more
