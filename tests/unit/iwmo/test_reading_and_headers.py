"""What is refused before the body is judged: another standard or release, a gemeente's message, a document its
XSD rejects (0001), and the header rules (Afzender, Ontvanger: 0001; future dagtekening: 8848; repeated
identification: 9056). Requests (315) are judged per product (9347)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from kernel.clock import today
from kernel.iwmo import codec
from kernel.iwmo.messages.verzoek import Wmo316
from services.iwmo.domain.judgement import header_findings
from services.iwmo.domain.verzoek import answer_315, reference_key
from services.iwmo.xml.reader import Read, Refused, read
from services.iwmo.xml.schemas import Schemas
from tests.unit.iwmo.files import context
from tests.unit.iwmo.samples import sample

pytestmark = pytest.mark.unit


def document(code: str) -> bytes:
    return codec.to_bytes(sample(code, today()))


@pytest.mark.parametrize(
    ("replace", "reason"),
    [
        ("iwmo/3_2/wmo305", "ijw/3_2/jw305"),
        ("iwmo/3_2/wmo305", "iwmo/3_1/wmo305"),
        ("http://www.istandaarden.nl/iwmo/3_2/wmo305/schema", "urn:example:not-iwmo"),
    ],
    ids=["another-standard", "another-release", "wrong-namespace"],
)
def test_a_message_of_another_standard_release_or_namespace_is_refused(replace: str, reason: str,
                                                                      schemas: Schemas) -> None:  # fmt: skip
    result = read(document("305").replace(replace.encode(), reason.encode()), schemas)
    assert isinstance(result, Refused) and result.code is None


def test_a_gemeentes_message_is_not_taken_from_a_provider(schemas: Schemas) -> None:
    result = read(document("301"), schemas)
    assert isinstance(result, Refused) and "not a message an aanbieder sends" in result.reasons[0]


def test_a_document_its_xsd_rejects_is_refused_with_the_reasons_and_keeps_its_header(schemas: Schemas) -> None:
    broken = document("305").replace(
        b"<wmo305:Bsn>999990019</wmo305:Bsn>", b"<wmo305:Bsn>99999\xd9\xa3019</wmo305:Bsn>"
    )
    result = read(broken, schemas)
    assert isinstance(result, Refused) and result.code == "305" and result.header is not None
    assert any("Bsn" in reason for reason in result.reasons)


def test_a_valid_message_is_read_as_its_type(schemas: Schemas) -> None:
    result = read(document("323"), schemas)
    assert isinstance(result, Read) and result.message == sample("323", today())


def test_header_rules_give_0001_8848_and_9056() -> None:
    header = sample("305", today()).header
    assert header_findings(header, context(today()), identification_seen=False) == []
    future = dataclasses.replace(
        header,
        bericht_identificatie=dataclasses.replace(header.bericht_identificatie, dagtekening=today() + timedelta(1)),
    )
    assert [f.code for f in header_findings(future, context(today()), False)] == ["8848"]
    assert [f.code for f in header_findings(header, context(today()), True)] == ["9056"]
    stranger = dataclasses.replace(header, afzender="98000002", ontvanger="0363")
    assert [f.code for f in header_findings(stranger, context(today()), False)] == ["0001", "0001"]


def test_a_request_for_assignment_is_answered_per_product_and_its_reference_used_once(schemas: Schemas) -> None:
    message = sample("315", today())
    used: set[str] = set()
    first = answer_315(message, context(today()), used.__contains__)  # type: ignore[arg-type]
    assert isinstance(first.retour, Wmo316) and schemas.validate(codec.to_xml(first.retour), "316") is None
    assert reference_key(context(today()).agb_code, "VOT-1") in first.new_keys
    used.update(first.new_keys)
    again = answer_315(message, context(today()), used.__contains__)  # type: ignore[arg-type]
    assert isinstance(again.retour, Wmo316) and again.retour.client is not None
    assert again.retour.client.aangevraagde_producten[0].retour_codes == ["9347"]
