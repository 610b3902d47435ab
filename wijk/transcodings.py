"""Value objects carried whole by internal events, stored as their fields (eventsourcing's custom transcoding).

A service registers one `ValueObjectAsDict` per value object its events carry, in its application's
`register_transcodings`. The stored form is `{"_type_": name, "_data_": {field: value}}`; the fields' own values
(ids, dates, lists) are transcoded as usual. Adding a field with a default keeps stored values loadable; renaming or
removing one needs the event's `class_version` and an upcaster (`docs/adr/0002-event-evolution.md`).
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from eventsourcing.persistence import Transcoding


class ValueObjectAsDict(Transcoding):
    def __init__(self, value_type: type, name: str) -> None:
        if not is_dataclass(value_type):
            raise TypeError(f"{value_type.__qualname__} is not a dataclass")
        self.type = value_type
        self.name = name

    def encode(self, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in fields(obj)}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)
