"""Start (305) and stop (307) are judged per product with their WJ001 codes, answered with a 306/308 that
validates; accepted lines change the client file (and so publish their fact), rejected ones change nothing."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from kernel.clock import today
from kernel.iwmo import codec
from kernel.iwmo.messages.regie import StopProduct, Wmo305, Wmo306, Wmo307, Wmo308
from services.iwmo.domain.regie import answer_305, answer_307
from services.iwmo.xml.schemas import Schemas
from tests.unit.iwmo.files import NUMMER, context, digest, events_of, lookup_of, sent_file
from tests.unit.iwmo.samples import wmo305, wmo307

pytestmark = pytest.mark.unit


def start(nummer: int = NUMMER, begindatum: date | None = None, bsn: str | None = None, status: str = "1") -> Wmo305:
    example = wmo305(today())
    line = dataclasses.replace(
        example.client.start_producten[0], toewijzing_nummer=nummer, begindatum=begindatum or today(),
        status_aanlevering=status,
    )  # fmt: skip
    client = dataclasses.replace(example.client, start_producten=[line], bsn=bsn or example.client.bsn)
    return Wmo305(header=example.header, client=client)


def stop(begindatum: date, reden: str = "19") -> Wmo307:
    example = wmo307(today())
    line = StopProduct(toewijzing_nummer=NUMMER, begindatum=begindatum, reden_beeindiging=reden, einddatum=today(),
                       status_aanlevering="1")  # fmt: skip
    return Wmo307(header=example.header, client=dataclasses.replace(example.client, stop_producten=[line]))


def line_codes(retour: Wmo306 | Wmo308) -> list[str]:
    assert retour.client is not None
    lines = retour.client.start_producten if isinstance(retour, Wmo306) else retour.client.stop_producten
    return [code for line in lines for code in line.retour_codes]


def test_a_start_on_an_own_toewijzing_is_accepted_and_answered_0200(schemas: Schemas) -> None:
    file = sent_file(today())
    file.collect_events()
    answer = answer_305(start(), context(today()), lookup_of(file), digest)
    assert isinstance(answer.retour, Wmo306) and line_codes(answer.retour) == ["0200"]
    assert schemas.validate(codec.to_xml(answer.retour), "306") is None
    assert events_of(file) == ["StartAccepted"]


@pytest.mark.parametrize("nummer", [42, 777], ids=["unknown-toewijzing", "another-providers-toewijzing"])
def test_a_start_that_cannot_be_linked_to_an_own_toewijzing_is_9019(nummer: int) -> None:
    mine, theirs = sent_file(today()), sent_file(today(), agb="98000002", nummer=777)
    answer = answer_305(start(nummer), context(today()), lookup_of(mine, theirs), digest)
    assert isinstance(answer.retour, Wmo306) and line_codes(answer.retour) == ["9019"]
    assert not answer.touched


def test_a_start_for_another_client_is_9019() -> None:
    answer = answer_305(start(bsn="999990020"), context(today()), lookup_of(sent_file(today())), digest)
    assert isinstance(answer.retour, Wmo306) and line_codes(answer.retour) == ["9019"]


def test_a_bsn_failing_the_elfproef_refuses_the_client_and_leaves_its_products_unassessed(schemas: Schemas) -> None:
    answer = answer_305(start(bsn="999990018"), context(today()), lookup_of(sent_file(today())), digest)
    assert isinstance(answer.retour, Wmo306) and answer.retour.client is not None
    assert answer.retour.client.retour_codes == ["0001"] and line_codes(answer.retour) == ["0233"]
    assert schemas.validate(codec.to_xml(answer.retour), "306") is None


def test_a_repeated_start_is_9074_and_a_second_open_delivery_9326() -> None:
    file = sent_file(today())
    lookup = lookup_of(file)
    answer_305(start(), context(today()), lookup, digest)
    again = answer_305(start(), context(today()), lookup, digest)
    other_day = answer_305(start(begindatum=today() - timedelta(days=1)), context(today()), lookup, digest)
    assert isinstance(again.retour, Wmo306) and line_codes(again.retour) == ["9074"]
    assert isinstance(other_day.retour, Wmo306) and line_codes(other_day.retour) == ["9326"]


def test_a_correction_of_a_start_never_received_is_9063() -> None:
    answer = answer_305(start(status="2"), context(today()), lookup_of(sent_file(today())), digest)
    assert isinstance(answer.retour, Wmo306) and line_codes(answer.retour) == ["9063"]


def test_a_stop_needs_its_start_and_comes_once(schemas: Schemas) -> None:
    file = sent_file(today())
    lookup = lookup_of(file)
    without_start = answer_307(stop(today()), context(today()), lookup, digest)
    assert isinstance(without_start.retour, Wmo308) and line_codes(without_start.retour) == ["9069"]
    answer_305(start(), context(today()), lookup, digest)
    stopped = answer_307(stop(today()), context(today()), lookup, digest)
    assert isinstance(stopped.retour, Wmo308) and line_codes(stopped.retour) == ["0200"]
    assert schemas.validate(codec.to_xml(stopped.retour), "308") is None
    again = answer_307(stop(today()), context(today()), lookup, digest)
    assert isinstance(again.retour, Wmo308) and line_codes(again.retour) == ["9415"]


def test_a_second_temporary_stop_of_the_same_delivery_is_9413() -> None:
    file = sent_file(today())
    lookup = lookup_of(file)
    answer_305(start(), context(today()), lookup, digest)
    answer_307(stop(today(), "20"), context(today()), lookup, digest)
    again = answer_307(stop(today(), "20"), context(today()), lookup, digest)
    assert isinstance(again.retour, Wmo308) and line_codes(again.retour) == ["9413"]
