"""From the bytes a provider sent to a typed message, or a technical rejection with its reason.

In order: safe parsing (size, depth, no DTD, well-formed); the root is an iWmo 3.2 `Bericht` in a message
namespace (not another standard such as iJw, not another iWmo release); the message is one a provider sends; the
official XSD accepts it. A rejection keeps the message's number and header when they could be read, so that the
provider still gets its retourbericht with 0001.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from kernel.iwmo import codec
from kernel.iwmo.messages.blocks import Header
from kernel.iwmo.messages.catalog import FROM_PROVIDER, Message
from services.iwmo.xml.safe import Limits, Unreadable, parse
from services.iwmo.xml.schemas import Schemas

MESSAGE_NS = re.compile(r"^http://www\.istandaarden\.nl/(?P<standard>\w+)/(?P<release>\d+_\d+)/(?P<name>\w+)/schema$")


@dataclass(frozen=True)
class Read:
    code: str
    message: Message


@dataclass(frozen=True)
class Refused:
    """Technically refused (0001). `code` and `header` are set when the message could be identified."""

    reasons: tuple[str, ...]
    code: str | None = None
    header: Header | None = None


def read(data: bytes, schemas: Schemas, limits: Limits = Limits()) -> Read | Refused:
    try:
        root = parse(data, limits)
    except Unreadable as exc:
        return Refused((str(exc),))
    code = message_code(root)
    if isinstance(code, Refused):
        return code
    invalid = schemas.validate(root, code)
    if invalid is not None:
        return Refused(("the message does not conform to its XSD", *invalid.reasons), code, header_of(root, code))
    return Read(code, codec.from_xml(root, code))


def message_code(root: etree._Element) -> str | Refused:
    qname = etree.QName(root)
    found = MESSAGE_NS.match(qname.namespace or "")
    if found is None or qname.localname != "Bericht":
        return Refused((f"{qname.text} is not an iWmo message (expected an iWmo 3.2 Bericht)",))
    standard, release, name = found["standard"], found["release"], found["name"]
    if standard != "iwmo":
        return Refused((f"this is an {standard} message; this gateway speaks iWmo 3.2 only",))
    if release != "3_2":
        return Refused((f"this is iWmo release {release.replace('_', '.')}; this gateway speaks iWmo 3.2 only",))
    code = name.removeprefix("wmo")
    if code not in FROM_PROVIDER:
        return Refused((f"{name.upper()} is not a message an aanbieder sends to a gemeente",))
    return code


def header_of(root: etree._Element, code: str) -> Header | None:
    """The header of an invalid message when it can be read on its own, to address the retour."""
    ns = codec.namespace(code)
    element = root.find(f"{{{ns}}}Header")
    if element is None:
        return None
    try:
        header: Header = codec.read_as(element, Header, ns)
    except (ValueError, TypeError):
        return None
    return header
