"""A 323 with one bad line, posted to the mailbox: the 325 approves the rest and rejects that line with its own
codes, and only the approved line reaches the bus (CareDeclarationReported)."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

import pytest

from contracts.events.iwmo import CareDeclarationReported
from contracts.topics import facts
from kernel.clock import today
from kernel.iwmo import codec
from kernel.iwmo.messages.blocks import BerichtIdentificatie, GeslotenPeriode, TotaalBedragMetDC
from kernel.iwmo.messages.declaratie import DeclaratieClient, Wmo323, Wmo325
from kernel.iwmo.messages.toewijzing import Wmo301
from services.iwmo.settings import default_xsd_dir
from services.iwmo.xml.schemas import Schemas
from tests.integration.iwmo.gateway import Gateway, assignment
from tests.integration.iwmo.test_gateway_flow import start_for
from tests.support.bus import publish, read_facts
from tests.unit.iwmo.samples import prestatie, wmo323

pytestmark = pytest.mark.integration
SCHEMAS = Schemas(default_xsd_dir())


def declaration_for(sent: Wmo301) -> bytes:
    """Two lines on the client's toewijzing: yesterday's (good) and one half a year ahead (outside everything)."""
    product = sent.client.toegewezen_producten[0]
    yesterday, later = today() - timedelta(days=1), today() + timedelta(days=181)

    def line(reference: str, day: object) -> object:
        return dataclasses.replace(prestatie(day, reference), toewijzing_nummer=product.toewijzing_nummer)  # type: ignore[arg-type]

    lines = [line("GOOD", yesterday), line("BAD", later)]
    example = wmo323(today())
    body = dataclasses.replace(
        example.declaratie, declaratie_nummer=f"D{uuid.uuid4().hex[:10]}",
        declaratie_periode=GeslotenPeriode(begindatum=today() - timedelta(days=14), einddatum=today()),
        totaal_ingediend_bedrag=TotaalBedragMetDC(totaal_bedrag=2 * 2 * 3480),
        clienten=[DeclaratieClient(bsn=sent.client.bsn, prestaties=lines)],  # type: ignore[arg-type]
    )  # fmt: skip
    identification = BerichtIdentificatie(identificatie=f"D{uuid.uuid4().hex[:11]}", dagtekening=today())
    return codec.to_bytes(Wmo323(header=dataclasses.replace(example.header, bericht_identificatie=identification),
                                 declaratie=body))  # fmt: skip


async def test_a_323_with_one_bad_line_gets_a_325_approving_the_rest(gateway: Gateway) -> None:
    resident = await gateway.register()
    assigned = assignment(resident.household_id)
    await publish(gateway.stack.bootstrap, assigned)
    mailbox = gateway.mailbox()
    _, sent = await mailbox.toewijzing_for(resident.bsn)
    assert (await mailbox.post(start_for(sent))).json()["outcome"] == "accepted"

    response = await mailbox.post(declaration_for(sent))
    outcome = response.json()
    assert (outcome["outcome"], outcome["retour"]["message"]) == ("partly accepted", "WMO325"), outcome
    root = await mailbox.fetch(outcome["retour"]["position"])
    assert SCHEMAS.validate(root, "325") is None
    answer = codec.from_xml(root, "325")
    assert isinstance(answer, Wmo325) and answer.declaratie_antwoord and answer.declaratie_antwoord.clienten
    codes = {p.product_referentie.referentie_nummer: p.retour_codes
             for c in answer.declaratie_antwoord.clienten for p in c.prestaties}  # fmt: skip
    assert codes["GOOD"] == ["0200"] and "0200" not in codes["BAD"] and codes["BAD"]
    assert answer.declaratie_antwoord.totaal_toegekend_bedrag.totaal_bedrag == 2 * 3480

    found = await read_facts(gateway.stack.bootstrap, facts("iwmo"), expected=2, polls=240, of=[resident.household_id])
    [declared] = [f for f in found if isinstance(f, CareDeclarationReported)]
    assert (declared.assignment_id, declared.volume, declared.amount_cents) == (assigned.assignment_id, 2, 6960)
