"""Reading XML from outside safely: a size limit before anything is parsed, then a parser that resolves no
entities, loads no DTD, touches no network and keeps libxml2's limits (`huge_tree` off), streaming so that a
document nested deeper than any iWmo message is refused before its tree is built. A DOCTYPE is refused outright:
no iWmo message has one, and it is where entity expansion ("billion laughs") and external entities live.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from lxml import etree

from kernel.errors import Refused

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 16
"""The deepest iWmo 3.2 message (a 302 relatie's adres: Bericht/Client/Relaties/Relatie/Contact/Adres/Huis/...)
is nine levels; sixteen leaves room and still stops a nesting bomb at once."""


class Unreadable(Refused):
    """Not a document this gateway will read: too large, too deep, with a DTD, or not well-formed XML."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH


def parse(data: bytes, limits: Limits = Limits()) -> etree._Element:
    """The document's root element, or Unreadable with a reason a provider can act on."""
    if len(data) > limits.max_bytes:
        raise Unreadable(f"the message is {len(data)} bytes; the limit is {limits.max_bytes}")
    if not data.strip():
        raise Unreadable("the message is empty")
    depth = 0
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_pis=True,
    )
    try:
        for event, element in events:
            depth += 1 if event == "start" else -1
            if depth == 1 and event == "start" and element.getroottree().docinfo.doctype:
                raise Unreadable("a DOCTYPE is not allowed in an iWmo message")
            if depth > limits.max_depth:
                raise Unreadable(f"the message nests deeper than {limits.max_depth} levels")
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"the message is not well-formed XML: {exc}") from None
    if events.root is None:
        raise Unreadable("the message has no root element")
    return events.root
