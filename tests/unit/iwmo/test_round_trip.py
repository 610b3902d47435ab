"""Every message type: serialised, it validates against its official XSD; parsed back it is the same message;
serialised again it is the same document."""

from __future__ import annotations

import pytest
from lxml import etree

from kernel.clock import today
from kernel.iwmo import codec
from kernel.iwmo.messages.catalog import BY_CODE
from services.iwmo.xml.schemas import Schemas
from tests.unit.iwmo.samples import SAMPLES, sample

pytestmark = pytest.mark.unit


def test_every_message_type_has_an_example() -> None:
    assert set(SAMPLES) == set(BY_CODE) and len(BY_CODE) == 14


@pytest.mark.parametrize("code", sorted(BY_CODE))
def test_parse_serialise_and_validate_again_give_the_same_message(code: str, schemas: Schemas) -> None:
    message = sample(code, today())
    first = codec.to_xml(message)
    assert schemas.validate(first, code) is None
    parsed = codec.from_xml(etree.fromstring(etree.tostring(first)), code)
    assert parsed == message
    second = codec.to_xml(parsed)
    assert schemas.validate(second, code) is None
    assert etree.tostring(second, method="c14n") == etree.tostring(first, method="c14n")


@pytest.mark.parametrize("code", sorted(BY_CODE))
def test_a_message_is_not_valid_as_another_type(code: str, schemas: Schemas) -> None:
    other = "305" if code != "305" else "307"
    assert schemas.validate(codec.to_xml(sample(code, today())), other) is not None


def test_elements_of_basisschema_types_are_in_the_basisschema_namespace() -> None:
    root = codec.to_xml(sample("305", today()))
    identification = root.find(f"{{{codec.namespace('305')}}}Header/{{{codec.namespace('305')}}}BerichtIdentificatie")
    assert identification is not None
    assert [child.tag for child in identification] == [
        f"{{{codec.BASIS_NS}}}Identificatie",
        f"{{{codec.BASIS_NS}}}Dagtekening",
    ]
