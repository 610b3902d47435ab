"""The 315 route on the real stack: a provider that serves a resident asks for a further toewijzing (WMO315); the
gateway accepts it (316) and puts it before the household's coordinator in planning; the coordinator takes it up
and the provider receives a 319 (aanvraag in onderzoek), and the decision that follows reaches it as a 301 with
both toewijzingen. A second request the coordinator refuses comes back as a 319 with its WJ759 reason; a request
for a client the provider does not serve here is refused at once."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import pytest

from kernel.clock import today
from kernel.iwmo import codec
from kernel.iwmo.messages.blocks import BerichtIdentificatie, Product
from kernel.iwmo.messages.verzoek import TeWijzigenProduct, Verzoek, VowClient, Wmo315, Wmo317, Wmo319
from services.iwmo.settings import default_xsd_dir
from services.iwmo.xml.schemas import Schemas
from tests.integration.iwmo.gateway import PROFESSIONAL, WAIT, Gateway, Mailbox
from tests.support import people
from tests.support.stack import eventually
from tests.unit.iwmo.samples import OMVANG, wmo315, wmo317

pytestmark = pytest.mark.integration
SCHEMAS = Schemas(default_xsd_dir())


def request_315(bsn: str, reference: str) -> bytes:
    """The provider's verzoek om toewijzing for its client, for individual support (02A02) from today."""
    example = wmo315(today())
    product = dataclasses.replace(
        example.client.aangevraagde_producten[0], referentie_aanbieder=reference, toewijzing_ingangsdatum=today(),
        product=Product(categorie="02", code="02A02"),
    )  # fmt: skip
    identification = BerichtIdentificatie(identificatie=f"V{uuid.uuid4().hex[:11]}", dagtekening=today())
    header = dataclasses.replace(example.header, bericht_identificatie=identification)
    client = dataclasses.replace(example.client, bsn=bsn, aangevraagde_producten=[product])
    return codec.to_bytes(Wmo315(header=header, client=client))


async def answer_319(mailbox: Mailbox, reference: str) -> Wmo319:
    """The 319 that answers the provider's request with this ReferentieAanbieder, validated against its XSD."""

    async def probe() -> list[Wmo319]:
        found = []
        for entry in await mailbox.outbox(0, message="WMO319"):
            root = await mailbox.fetch(entry["position"])
            message = codec.from_xml(root, "319")
            if isinstance(message, Wmo319) and message.antwoord.referentie_aanbieder == reference:
                assert SCHEMAS.validate(root, "319") is None
                found.append(message)
        return found

    return (await eventually(probe, bool, timeout=WAIT))[0]


async def post_315(mailbox: Mailbox, bsn: str, reference: str) -> dict[str, Any]:
    response = await mailbox.post(request_315(bsn, reference))
    assert response.status_code == 200, response.text
    outcome = response.json()
    assert (outcome["outcome"], outcome["retour"]["message"]) == ("accepted", "WMO316"), outcome
    return dict(outcome)


async def test_a_315_taken_up_becomes_a_319_and_the_decision_a_301(gateway: Gateway) -> None:
    resident = await gateway.register()
    plan_id = await gateway.plan_for(resident)
    await gateway.decide(plan_id)
    mailbox = gateway.mailbox()
    _, first = await mailbox.toewijzing_for(resident.bsn)  # the provider serves the resident
    assert len(first.client.toegewezen_producten) == 1

    taken, refused = f"VOT-{uuid.uuid4().hex[:8]}", f"VOT-{uuid.uuid4().hex[:8]}"
    await post_315(mailbox, resident.bsn, taken)
    await post_315(mailbox, resident.bsn, refused)
    requests = await gateway.found(PROFESSIONAL, "planning", f"/plans/{plan_id}/provider-requests",
                                   lambda found: len(found) == 2)  # fmt: skip
    by_reference = {r["reference"]: r for r in requests}
    assert by_reference[taken]["status"] == "open" and by_reference[taken]["details"]["product_code"] == "02A02"

    path = "/provider-requests/{}/answer"
    await gateway.call(
        PROFESSIONAL, "planning", "POST", path.format(by_reference[taken]["request_id"]), {"taken": True}
    )
    no_contract = {"taken": False, "refusal_reason": "3"}
    await gateway.call(PROFESSIONAL, "planning", "POST", path.format(by_reference[refused]["request_id"]), no_contract)
    again = await gateway.as_user(PROFESSIONAL, "planning", "POST", path.format(by_reference[taken]["request_id"]),
                                  json={"taken": False, "refusal_reason": "2"})  # fmt: skip
    assert again.status_code == 409  # answered once

    in_investigation = await answer_319(mailbox, taken)
    assert (in_investigation.antwoord.verzoek_antwoord, in_investigation.antwoord.reden_afwijzing_verzoek) == (
        "2",
        None,
    )
    rejected = await answer_319(mailbox, refused)
    assert (rejected.antwoord.verzoek_antwoord, rejected.antwoord.reden_afwijzing_verzoek) == ("1", "3")

    await gateway.decide(plan_id, "wmo-begeleiding-individueel")  # the coordinator decides on the request

    async def newest() -> set[str]:
        _, sent = await mailbox.toewijzing_for(resident.bsn)
        return {str(p.product.code) for p in sent.client.toegewezen_producten if p.product}

    assert await eventually(newest, lambda codes: codes == {"01A01", "02A02"}, timeout=WAIT)


async def test_a_315_for_a_client_the_provider_does_not_serve_is_refused_at_once(gateway: Gateway) -> None:
    mailbox, reference = gateway.mailbox(), f"VOT-{uuid.uuid4().hex[:8]}"
    await post_315(mailbox, people.bsn(), reference)
    refused = await answer_319(mailbox, reference)
    assert (refused.antwoord.verzoek_antwoord, refused.antwoord.reden_afwijzing_verzoek) == ("1", "1")


def request_317(bsn: str, reference: str, nummer: int) -> bytes:
    """The provider's verzoek om wijziging: more of the toewijzing it has, from today."""
    example = wmo317(today())
    changed = TeWijzigenProduct(toewijzing_nummer=nummer, gewenste_ingangsdatum=today(), omvang=OMVANG)
    verzoek = Verzoek(referentie_aanbieder=reference, reden_verzoek="1", te_wijzigen_producten=[changed])
    identification = BerichtIdentificatie(identificatie=f"W{uuid.uuid4().hex[:11]}", dagtekening=today())
    header = dataclasses.replace(example.header, bericht_identificatie=identification)
    return codec.to_bytes(Wmo317(header=header, client=VowClient(bsn=bsn, verzoek=verzoek)))


async def test_a_317_on_an_existing_toewijzing_goes_the_same_way(gateway: Gateway) -> None:
    resident = await gateway.register()
    plan_id = await gateway.plan_for(resident)
    await gateway.decide(plan_id)
    mailbox = gateway.mailbox()
    _, sent = await mailbox.toewijzing_for(resident.bsn)
    reference = f"VOW-{uuid.uuid4().hex[:8]}"

    nummer = sent.client.toegewezen_producten[0].toewijzing_nummer
    response = await mailbox.post(request_317(resident.bsn, reference, nummer))
    outcome = response.json()
    assert (outcome["outcome"], outcome["retour"]["message"]) == ("accepted", "WMO318"), outcome
    [request] = await gateway.found(PROFESSIONAL, "planning", f"/plans/{plan_id}/provider-requests")
    assert (request["reference"], request["kind"]) == (reference, "change")
    answer = {"taken": False, "refusal_reason": "2"}
    await gateway.call(PROFESSIONAL, "planning", "POST", f"/provider-requests/{request['request_id']}/answer", answer)
    refused = (await answer_319(mailbox, reference)).antwoord
    assert (refused.verzoek_antwoord, refused.reden_afwijzing_verzoek) == ("1", "2")
