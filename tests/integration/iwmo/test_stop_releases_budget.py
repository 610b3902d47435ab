"""A stop reported in a provider's WMO307 releases the decision's reservation, as care's CareStopped does: the
decision reserves, the 301 goes out, the provider starts (305) and ends care (307), and budget gives back what
was still reserved."""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from contracts.events.budget import FundsReleased
from contracts.topics import facts
from kernel.clock import today
from kernel.iwmo import codec
from kernel.iwmo.messages.blocks import BerichtIdentificatie
from kernel.iwmo.messages.regie import Wmo307
from kernel.iwmo.messages.toewijzing import Wmo301
from tests.integration.iwmo.gateway import WAIT, Gateway
from tests.integration.iwmo.test_gateway_flow import start_for
from tests.support.bus import facts_now
from tests.support.stack import eventually
from tests.unit.iwmo.samples import wmo307

pytestmark = pytest.mark.integration


def stop_for(sent: Wmo301) -> bytes:
    """The provider's 307: the delivery it started today ends today, according to plan (WMO588 19)."""
    example = wmo307(today())
    product = sent.client.toegewezen_producten[0]
    line = dataclasses.replace(
        example.client.stop_producten[0], toewijzing_nummer=product.toewijzing_nummer, product=product.product,
        toewijzing_ingangsdatum=product.ingangsdatum, begindatum=today(), einddatum=today(), reden_beeindiging="19",
    )  # fmt: skip
    identification = BerichtIdentificatie(identificatie=f"E{uuid.uuid4().hex[:11]}", dagtekening=today())
    header = dataclasses.replace(example.header, bericht_identificatie=identification)
    client = dataclasses.replace(example.client, bsn=sent.client.bsn, stop_producten=[line])
    return codec.to_bytes(Wmo307(header=header, client=client))


async def test_a_stop_in_a_307_releases_the_reservation(gateway: Gateway) -> None:
    resident = await gateway.register()
    plan_id = await gateway.plan_for(resident)
    decision_id = await gateway.decide(plan_id)
    mailbox = gateway.mailbox()
    _, sent = await mailbox.toewijzing_for(resident.bsn)
    assert (await mailbox.post(start_for(sent))).json()["outcome"] == "accepted"

    stopped = await mailbox.post(stop_for(sent))
    assert (stopped.json()["outcome"], stopped.json()["retour"]["message"]) == ("accepted", "WMO308"), stopped.text

    async def releases() -> list[FundsReleased]:
        found = await facts_now(gateway.stack.bootstrap, facts("budget"), of=[resident.household_id])
        return [f for f in found if isinstance(f, FundsReleased)]

    [released] = await eventually(releases, bool, WAIT)
    assert released.decision_id == uuid.UUID(decision_id) and released.released_on == today()
    assert released.amount_cents > 0
