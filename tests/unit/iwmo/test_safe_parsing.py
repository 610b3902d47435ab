"""Hostile documents are refused before their tree is built, with a reason; a normal message reads."""

from __future__ import annotations

import pytest

from kernel.clock import today
from kernel.iwmo import codec
from services.iwmo.xml.safe import Limits, Unreadable, parse
from tests.unit.iwmo.samples import sample

pytestmark = pytest.mark.unit

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>"""


def test_a_valid_message_is_read() -> None:
    root = parse(codec.to_bytes(sample("305", today())))
    assert root.tag == f"{{{codec.namespace('305')}}}Bericht"


@pytest.mark.parametrize("document", [LAUGHS, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_a_doctype_is_refused(document: bytes) -> None:
    with pytest.raises(Unreadable, match="DOCTYPE"):
        parse(document)


def test_a_document_nested_deeper_than_the_limit_is_refused() -> None:
    with pytest.raises(Unreadable, match="deeper than 16"):
        parse(b"<a>" * 10_000 + b"</a>" * 10_000)


def test_a_document_larger_than_the_limit_is_refused_before_parsing() -> None:
    with pytest.raises(Unreadable, match="limit is 100"):
        parse(b"<a>" + b" " * 200 + b"</a>", Limits(max_bytes=100))


@pytest.mark.parametrize("document", [b"<a><b></a>", b"not xml at all", b"<a>", b"   "])
def test_what_is_not_well_formed_is_refused_with_the_reason(document: bytes) -> None:
    with pytest.raises(Unreadable, match=r"not well-formed|empty"):
        parse(document)
