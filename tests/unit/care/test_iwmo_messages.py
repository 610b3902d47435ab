"""The reference provider's own iWmo messages: what it takes from a 301, and the 305, 307 and 323 it composes from
that toewijzing, each valid against its official XSD and addressed from the provider's AGB code to the gemeente."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kernel.clock import today
from kernel.iwmo import codec
from kernel.iwmo.messages.blocks import GeslotenPeriode
from services.care.domain.iwmo_messages import compose_302, compose_305, compose_307, compose_323, toewijzingen
from services.care.domain.iwmo_toewijzing import ACCEPTED, IwmoToewijzing, NotStarted
from services.iwmo.settings import default_xsd_dir
from services.iwmo.xml.schemas import Schemas
from tests.unit.iwmo.samples import AGB, BSN, GEMEENTE, wmo301

pytestmark = pytest.mark.unit
SCHEMAS = Schemas(default_xsd_dir())


def received() -> IwmoToewijzing:
    message = wmo301(today())
    [(nummer, client, product)] = toewijzingen(message)
    return IwmoToewijzing("zorg-flevoland", nummer, message.header.ontvanger, message.header.afzender, client,
                          product, today())  # fmt: skip


def test_a_start_stop_and_declaration_are_valid_and_addressed_to_the_gemeente() -> None:
    t = received()
    assert (t.agb_code, t.gemeentecode, t.client["bsn"]) == (AGB, GEMEENTE, BSN)
    start = compose_305(t, today(), "S1", today())
    assert SCHEMAS.validate(codec.to_xml(start), "305") is None
    assert (start.header.afzender, start.header.ontvanger) == (AGB, GEMEENTE)
    assert start.client.start_producten[0].toewijzing_nummer == t.nummer

    with pytest.raises(NotStarted):
        compose_307(t, today(), "19", "E1", today())
    t.reported("WMO305", "S1", ACCEPTED[0], [], today(), begindatum=today())
    stop = compose_307(t, today() + timedelta(days=1), "19", "E1", today())
    assert SCHEMAS.validate(codec.to_xml(stop), "307") is None

    period = GeslotenPeriode(begindatum=today(), einddatum=today())
    declaration = compose_323(t, period, 2, 3480, "D1", "P1", today())
    assert SCHEMAS.validate(codec.to_xml(declaration), "323") is None
    assert declaration.declaratie.totaal_ingediend_bedrag.totaal_bedrag == 6960


def test_a_rejected_report_changes_nothing() -> None:
    t = received()
    t.reported("WMO305", "S1", "rejected", ["9019 not yours"], today(), begindatum=today())
    assert (t.status, t.start_date, t.sent[0]["outcome"]) == ("received", None, "rejected")


def test_the_retour_on_a_301_repeats_it_with_no_remark_and_is_valid() -> None:
    sent = wmo301(today())
    retour = compose_302(sent, "R1", today())
    assert SCHEMAS.validate(codec.to_xml(retour), "302") is None
    assert retour.header.bericht_identificatie == sent.header.bericht_identificatie  # the 301 it answers
    assert (retour.header.afzender, retour.header.identificatie_retour, retour.header.retour_codes) == (
        GEMEENTE, "R1", ["0200"]
    )  # fmt: skip
    assert retour.client is not None and retour.client.bsn == BSN
    assert [p.toewijzing_nummer for p in retour.client.toegewezen_producten] == [
        p.toewijzing_nummer for p in sent.client.toegewezen_producten
    ]
