"""The gateway on the real stack: a ProviderAssigned becomes a valid 301 with the client's data read from intake
(the gateway's own token, one purpose, on intake's access log); a 305 posted for it gets its 306 and the start
reaches the bus without personal data; an erased household and a youth assignment get no 301; and the mailbox
answers only a provider's token, for its own mailbox."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import httpx
import pytest

from contracts.events.iwmo import CareStartReported
from contracts.topics import facts
from kernel.clock import today
from kernel.iwmo import codec
from kernel.iwmo.messages.blocks import BerichtIdentificatie
from kernel.iwmo.messages.regie import Wmo305
from kernel.iwmo.messages.toewijzing import Wmo301
from services.iwmo.settings import default_xsd_dir
from services.iwmo.xml.schemas import Schemas
from tests.integration.iwmo.gateway import AGB, GEMEENTE, PROFESSIONAL, WAIT, Gateway, assignment
from tests.support.bus import publish, read_topic
from tests.support.stack import eventually
from tests.unit.iwmo.samples import wmo305

pytestmark = pytest.mark.integration
SCHEMAS = Schemas(default_xsd_dir())


def start_for(sent: Wmo301) -> bytes:
    """The provider's 305 for the first toewijzing of a 301 it received, starting today."""
    example = wmo305(today())
    product = sent.client.toegewezen_producten[0]
    line = dataclasses.replace(
        example.client.start_producten[0], toewijzing_nummer=product.toewijzing_nummer, product=product.product,
        toewijzing_ingangsdatum=product.ingangsdatum, begindatum=today(),
    )  # fmt: skip
    client = dataclasses.replace(example.client, bsn=sent.client.bsn, start_producten=[line])
    identification = BerichtIdentificatie(identificatie=f"S{uuid.uuid4().hex[:11]}", dagtekening=today())
    header = dataclasses.replace(example.header, bericht_identificatie=identification)  # new per message (TR056)
    return codec.to_bytes(Wmo305(header=header, client=client))


async def access_log(gateway: Gateway, household: object) -> list[dict[str, Any]]:
    response = await gateway.as_user("privacy", "intake", "GET", "/access-log", params={"household_id": str(household)})
    assert response.status_code == 200, response.text
    return [r for r in response.json() if r["action"] == "intake.iwmo-client.read"]


async def test_an_assignment_becomes_a_301_with_intakes_data_read_for_its_purpose(gateway: Gateway) -> None:
    resident = await gateway.register()
    assigned = assignment(resident.household_id)
    await publish(gateway.stack.bootstrap, assigned)
    mailbox = gateway.mailbox()

    position, sent = await mailbox.toewijzing_for(resident.bsn)
    assert SCHEMAS.validate(await mailbox.fetch(position), "301") is None
    assert (sent.header.afzender, sent.header.ontvanger) == (GEMEENTE, AGB)
    assert sent.client.naam.geslachtsnaam.achternaam == "Jansen" and sent.client.naam.voornamen == "Anna Maria"
    [address] = [c.adres for c in sent.client.contactgegevens]
    assert address is not None and address.postcode == "1353AB" and address.huis is not None
    assert (address.huis.huisnummer, address.huis.huisletter) == (int(resident.house_number[:-1]), "B")
    assert sent.client.toegewezen_producten[0].ingangsdatum == assigned.period_start

    [read] = await access_log(gateway, resident.household_id)
    assert (read["client_id"], read["roles"], read["status"]) == ("wijk-iwmo", ["iwmo-gateway"], 200)
    assert read["basis"].startswith("iWmo toewijzing")

    response = await mailbox.post(start_for(sent))
    assert response.status_code == 200, response.text
    outcome = response.json()
    assert (outcome["outcome"], outcome["retour"]["message"]) == ("accepted", "WMO306"), outcome
    retour = await mailbox.fetch(outcome["retour"]["position"])
    assert SCHEMAS.validate(retour, "306") is None
    assert {c.text for c in retour.findall(".//{*}RetourCode")} == {"0200"}

    [record] = await read_topic(
        gateway.stack.bootstrap, facts("iwmo"), expected=1, polls=240, of=[resident.household_id]
    )
    started = CareStartReported.model_validate_json(record.value or b"")
    assert (started.assignment_id, started.start_date) == (assigned.assignment_id, today())
    assert resident.bsn.encode() not in (record.value or b"") and b"Jansen" not in (record.value or b"")


async def test_an_erased_household_and_a_youth_assignment_get_no_301(gateway: Gateway) -> None:
    youth, erased, wmo = await gateway.register(), await gateway.register(), await gateway.register()
    erasure = await gateway.as_user("privacy", "intake", "POST", f"/households/{erased.household_id}/erasure")
    assert erasure.status_code == 200, erasure.text
    await publish(gateway.stack.bootstrap, assignment(youth.household_id, "45"), assignment(erased.household_id))
    refused = await eventually(lambda: access_log(gateway, erased.household_id), bool, WAIT)
    assert [r["status"] for r in refused] == [410]  # asked once; erased is final, never retried
    await publish(gateway.stack.bootstrap, assignment(wmo.household_id))
    await gateway.mailbox().toewijzing_for(wmo.bsn)

    sent = [codec.from_xml(await gateway.mailbox().fetch(e["position"]), "301")
            for e in await gateway.mailbox().outbox(0, message="WMO301")]  # fmt: skip
    clients = {m.client.bsn for m in sent if isinstance(m, Wmo301)}
    assert wmo.bsn in clients and not {youth.bsn, erased.bsn} & clients
    assert await access_log(gateway, youth.household_id) == []  # an iJw category is not iWmo: not even asked


async def test_the_mailbox_answers_a_providers_token_only(gateway: Gateway) -> None:
    async with httpx.AsyncClient(base_url=gateway.url) as http:
        anonymous = await http.get("/mailbox/messages", headers={"X-Provider-Id": "zorg-flevoland"})
    assert anonymous.status_code == 401
    professional = await gateway.as_user(PROFESSIONAL, "iwmo", "GET", "/mailbox/messages")
    assert professional.status_code == 403 and professional.json()["action"] == "iwmo.mailbox"
    async with gateway.mailbox().http() as http:
        assert (await http.get("/mailbox/messages", params={"direction": "in"})).status_code == 200
