"""The gateway as a service on the real broker and PostgreSQL: a ProviderAssigned becomes a valid 301 in the
provider's mailbox; a 305 posted for it gets its 306 and the start reaches the bus, without personal data."""

from __future__ import annotations

import dataclasses

import pytest

from contracts.events.iwmo import CareStartReported
from contracts.topics import facts
from kernel.clock import today
from services.iwmo.domain.client import InMemoryClientRecords
from services.iwmo.messages.regie import Wmo305
from services.iwmo.messages.toewijzing import Wmo301
from services.iwmo.settings import default_xsd_dir
from services.iwmo.xml import codec
from services.iwmo.xml.schemas import Schemas
from tests.integration.iwmo.gateway import (
    AGB,
    GEMEENTE,
    assignment,
    client,
    fetch,
    new_household,
    outbox,
    post,
    start_gateway,
)
from tests.support.bus import publish, read_topic
from tests.support.stack import Stack
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
    start = Wmo305(header=example.header, client=dataclasses.replace(example.client, start_producten=[line]))
    return codec.to_bytes(start)


async def test_an_assignment_becomes_a_301_and_a_305_gets_its_306_and_reaches_the_bus(own_stack: Stack) -> None:
    """A stack of its own: the test runs its own gateway with an in-memory source of client data, which would
    share the shared stack's consumer group with the gateway already running there."""
    stack = own_stack
    household = new_household()
    records = InMemoryClientRecords({household: client()})
    runtime = await start_gateway(stack, records)
    url = runtime.base_url
    assigned = assignment(household)
    await publish(stack.settings.kafka_bootstrap, assigned)

    [entry] = await outbox(stack, url, expected=1)
    root = await fetch(stack, url, entry["position"])
    assert SCHEMAS.validate(root, "301") is None
    sent = codec.from_xml(root, "301")
    assert isinstance(sent, Wmo301)
    assert (sent.header.afzender, sent.header.ontvanger) == (GEMEENTE, AGB)
    assert sent.client.bsn == "999990019" and records.asked == [(household, "iWmo toewijzing")]
    assert sent.client.toegewezen_producten[0].ingangsdatum == assigned.period_start

    response = await post(stack, url, start_for(sent))
    assert response.status_code == 200, response.text
    outcome = response.json()
    assert (outcome["outcome"], outcome["retour"]["message"]) == ("accepted", "WMO306")
    retour = await fetch(stack, url, outcome["retour"]["position"])
    assert SCHEMAS.validate(retour, "306") is None
    assert retour.findall(".//{*}RetourCode") and {c.text for c in retour.findall(".//{*}RetourCode")} == {"0200"}

    records_on_bus = await read_topic(stack.settings.kafka_bootstrap, facts("iwmo"), expected=1)
    assert len(records_on_bus) == 1
    started = CareStartReported.model_validate_json(records_on_bus[0].value)
    assert (started.assignment_id, started.start_date) == (assigned.assignment_id, today())
    assert b"999990019" not in records_on_bus[0].value and b"Jansen" not in records_on_bus[0].value


async def test_a_youth_assignment_gets_no_iwmo_301_and_an_erased_household_none_at_all(own_stack: Stack) -> None:
    """A stack of its own: the test runs its own gateway with an in-memory source of client data, which would
    share the shared stack's consumer group with the gateway already running there."""
    stack = own_stack
    youth, erased, wmo = new_household(), new_household(), new_household()
    records = InMemoryClientRecords({youth: client(), erased: client(), wmo: client()})
    records.erased.add(erased)
    runtime = await start_gateway(stack, records)
    await publish(stack.settings.kafka_bootstrap, assignment(youth, "45"), assignment(erased), assignment(wmo))
    entries = await outbox(stack, runtime.base_url, expected=1)
    assert len(entries) == 1 and entries[0]["message"] == "WMO301"
    assert (youth, "iWmo toewijzing") not in records.asked
