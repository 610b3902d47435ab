"""Reading events stored before a value object was carried whole (eventsourcing's `upcast_v1_v2`).

Version 1 of many internal events carried a value object's fields flattened beside each other; version 2 carries
the value object itself. `fold` turns the one stored state into the other, before the event is constructed.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any


def fold(value_type: type, state: dict[str, Any], name: str) -> None:
    """Replace the value object's flattened fields in `state` with the value object, as `state[name]`.

    A field absent from the stored state takes its default (it was added after version 1)."""
    names = [f.name for f in fields(value_type) if f.name in state]
    state[name] = value_type(**{field: state.pop(field) for field in names})
