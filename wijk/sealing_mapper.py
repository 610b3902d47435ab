"""Free text sealed on its way into the event store, and unsealed on its way back into an aggregate (ADR 0006).

A service names, per internal event class, where the free text about the household is (`FreeTextFields`: dotted
paths into the event's state, through value objects, dicts and lists, `*` for every item of a list). The mapper
seals the strings there with the household's text key (`wijk.household_keys`) before the event is stored, and
unseals them when an aggregate is read, so the domain keeps working with plain strings and never sees a key. After
the household's erasure an aggregate still loads: each of its texts reads `ERASED_TEXT`.

The outbox relay reads the same events without unsealing (`unsealing=False`): the translator then copies the sealed
texts into the facts as they are, so the bus carries only ciphertext. Events stored before issue 18 hold plain text
and load as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import is_dataclass, replace
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, StoredEvent, Transcoder, Transcoding

from contracts.sealed import SealedText
from wijk.household_keys import ERASED_TEXT, TextErased, TextKeys, readable, seal

FreeTextFields = Mapping[type, tuple[str, ...]]
"""Per internal event class, the paths of its free text: `"reason"`, `"goal.own_strength"`, `"results.*.remarks"`."""


class SealedTextAsString(Transcoding):
    """A sealed text is stored as its base64 string (tagged, so it reads back as a SealedText)."""

    type = SealedText
    name = "sealed_text"

    def encode(self, obj: SealedText) -> str:
        return obj.sealed

    def decode(self, data: str) -> SealedText:
        return SealedText(sealed=data)


class SealingMapper(Mapper[Any]):
    def __init__(
        self, transcoder: Transcoder, keys: TextKeys, free_text: FreeTextFields, *, unsealing: bool = True
    ) -> None:
        super().__init__(transcoder)
        self.keys, self.free_text, self.unsealing = keys, free_text, unsealing

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        paths = self.free_text.get(type(domain_event), ())
        household_id = household_of(vars(domain_event))
        if not paths or household_id is None:
            return super().to_stored_event(domain_event)
        state = dict(vars(domain_event))
        for path in paths:
            state = _with(state, path.split("."), lambda text: _seal(self.keys, household_id, text))
        sealed = object.__new__(type(domain_event))
        object.__setattr__(sealed, "__dict__", state)
        return super().to_stored_event(sealed)

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        domain_event = super().to_domain_event(stored_event)
        paths = self.free_text.get(type(domain_event), ())
        household_id = household_of(vars(domain_event)) if paths else None
        if self.unsealing and household_id is not None:
            state = vars(domain_event)
            for path in paths:
                state = _with(state, path.split("."), lambda value: readable(self.keys, household_id, value))
            object.__setattr__(domain_event, "__dict__", state)
        return domain_event


def household_of(state: Mapping[str, Any]) -> UUID | None:
    """The household an event is about: its `household_id`, or that of a value object it carries whole."""
    for value in (state, *state.values()):
        found = value.get("household_id") if isinstance(value, Mapping) else getattr(value, "household_id", None)
        if isinstance(found, UUID):
            return found
    return None


def _seal(keys: TextKeys, household_id: UUID, value: Any) -> Any:
    """A non-empty string sealed; an empty one (an optional remark left out) and anything else as it is. Text about
    a household erased meanwhile is not kept at all: ERASED_TEXT takes its place (a fact that arrives after the
    erasure is still applied, so its inbox does not retry it for ever)."""
    if not isinstance(value, str) or not value or value == ERASED_TEXT:
        return value
    try:
        return seal(keys, household_id, value)
    except TextErased:
        return ERASED_TEXT


def _with(value: Any, path: list[str], change: Any) -> Any:
    """`value` with `change` applied at `path` (a copy: events and value objects are never changed in place)."""
    if not path:
        return change(value)
    head, rest = path[0], path[1:]
    if head == "*":
        return [_with(item, rest, change) for item in value] if isinstance(value, list) else value
    if isinstance(value, dict):
        return {**value, head: _with(value[head], rest, change)} if head in value else value
    if is_dataclass(value) and not isinstance(value, type) and hasattr(value, head):
        return replace(value, **{head: _with(getattr(value, head), rest, change)})  # type: ignore[misc]
    return value
