"""Message data to XML and back, by one rule read from the dataclasses: every field is an element named after it
(`toewijzing_nummer` -> `ToewijzingNummer`), in declaration order (the XSD's sequence order), in the message's
namespace, or in the basisschema's when the owning class is a basisschema type (`Basis`). A list field is a
wrapper element holding one element per item (`items(...)` names the item).

Hand-written on purpose: the fourteen messages share their types across fourteen namespaces, and a binding
library fixes a type's namespace when the class is defined. Validation against the official XSD is separate
(`services.iwmo.xml.schemas`): this module maps, the schema judges.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, time
from typing import Any

from lxml import etree

from kernel.iwmo.messages.catalog import Message, message_type

BASIS_NS = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
PREFIX = "http://www.istandaarden.nl/iwmo/3_2/wmo"


def namespace(code: str) -> str:
    """`http://www.istandaarden.nl/iwmo/3_2/wmo301/schema` for message 301."""
    return f"{PREFIX}{code}/schema"


def element_name(field_name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in field_name.split("_"))


def to_xml(message: Message) -> etree._Element:
    """The message as an lxml tree, `<wmoNNN:Bericht>` with the `iwmo` prefix for the basisschema."""
    ns = namespace(message.CODE)
    root = etree.Element(f"{{{ns}}}Bericht", nsmap={f"wmo{message.CODE}": ns, "iwmo": BASIS_NS})
    _fill(root, message, ns)
    return root


def to_bytes(message: Message) -> bytes:
    return etree.tostring(to_xml(message), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def from_xml(root: etree._Element, code: str) -> Message:
    """The message of type `code` in a tree that its XSD has already accepted."""
    return _read(root, message_type(code), namespace(code))  # type: ignore[no-any-return]


def read_as(element: etree._Element, cls: type, code_ns: str) -> Any:
    """One part of a message (its header, say) read on its own, without the message's XSD having judged it."""
    return _read(element, cls, code_ns)


def _fill(parent: etree._Element, obj: Any, ns: str) -> None:
    child_ns = BASIS_NS if getattr(obj, "BASIS", False) else ns
    for spec, _hint in _fields(type(obj)):
        value = getattr(obj, spec.name)
        if value is None:
            continue
        child = etree.SubElement(parent, f"{{{child_ns}}}{element_name(spec.name)}")
        if "item" in spec.metadata:
            for item in value:
                _put(etree.SubElement(child, f"{{{child_ns}}}{spec.metadata['item']}"), item, ns)
        else:
            _put(child, value, ns)


def _put(element: etree._Element, value: Any, ns: str) -> None:
    if dataclasses.is_dataclass(value):
        _fill(element, value, ns)
    elif isinstance(value, time):
        element.text = value.isoformat(timespec="seconds")
    elif isinstance(value, date):
        element.text = value.isoformat()
    else:
        element.text = str(value)


def _read(element: etree._Element, cls: type, ns: str) -> Any:
    child_ns = BASIS_NS if getattr(cls, "BASIS", False) else ns
    values: dict[str, Any] = {}
    for spec, hint in _fields(cls):
        child = element.find(f"{{{child_ns}}}{element_name(spec.name)}")
        if child is None:
            continue
        if "item" in spec.metadata:
            item_type = typing.get_args(_strip_optional(hint))[0]
            found = child.findall(f"{{{child_ns}}}{spec.metadata['item']}")
            values[spec.name] = [_value(item, item_type, ns) for item in found]
        else:
            values[spec.name] = _value(child, _strip_optional(hint), ns)
    return cls(**values)


def _value(element: etree._Element, kind: Any, ns: str) -> Any:
    if dataclasses.is_dataclass(kind):
        return _read(element, kind, ns)  # type: ignore[arg-type]
    text = (element.text or "").strip()
    if kind is int:
        return int(text)
    if kind is date:
        return date.fromisoformat(text)
    if kind is time:
        return time.fromisoformat(text)
    return element.text or ""


def _strip_optional(hint: Any) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        kinds = [k for k in typing.get_args(hint) if k is not type(None)]
        return kinds[0]
    return hint


_FIELDS: dict[type, tuple[tuple[dataclasses.Field[Any], Any], ...]] = {}


def _fields(cls: type) -> tuple[tuple[dataclasses.Field[Any], Any], ...]:
    """Each field with its resolved type hint, in declaration (XSD sequence) order; computed once per class."""
    if cls not in _FIELDS:
        hints = typing.get_type_hints(cls)
        _FIELDS[cls] = tuple((spec, hints[spec.name]) for spec in dataclasses.fields(cls))
    return _FIELDS[cls]
