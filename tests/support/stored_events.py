"""Events as an installation stored them: recorded golden files (`tests/unit/<service>/stored/*_v1.json`) turned
back into store rows, read with the mapper a service's application builds, and folded into aggregates.

Each golden file was recorded from the code before an event's shape changed: every event's topic and JSON state
exactly as the mapper wrote it, what the translator made of it, and the aggregate's state after the events.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Mapper, StoredEvent, Transcoding, UUIDAsHex

from wijk.eventstore import DateAsISO


def golden(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text()))


def mapper(value_objects: Iterable[Transcoding] = ()) -> Mapper[UUID]:
    """The mapper as a service's application builds it: JSON, ids, dates and the service's value objects."""
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DatetimeAsISO(), DateAsISO(), *value_objects):
        transcoder.register(transcoding)
    return Mapper(transcoder)


def as_stored(recorded: dict[str, Any]) -> StoredEvent:
    """A recorded event as its row in the store: the state exactly as the old mapper wrote it."""
    state = json.dumps(recorded["state"], separators=(",", ":"), ensure_ascii=False).encode()
    return StoredEvent(UUID(recorded["originator_id"]), recorded["originator_version"], recorded["topic"], state)


def read(recorded: Iterable[dict[str, Any]], value_objects: Iterable[Transcoding] = ()) -> list[Any]:
    reader = mapper(value_objects)
    return [reader.to_domain_event(as_stored(e)) for e in recorded]


def loaded(events: Iterable[Any]) -> Any:
    """The aggregate as the repository rebuilds it from its events."""
    rebuilt = None
    for domain_event in events:
        rebuilt = domain_event.mutate(rebuilt)
    assert isinstance(rebuilt, Aggregate)
    return rebuilt


def state(aggregate: Aggregate) -> Any:
    """An aggregate's own attributes as the golden files record them."""
    return plain({k: v for k, v in vars(aggregate).items() if not k.startswith("_")})


def plain(value: Any) -> Any:
    """JSON's shapes: keys as strings, sets sorted, and what JSON has no type for (ids, dates, values) as its repr."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(repr(v) for v in value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | int | float):
        return value
    return repr(value)


def published(events: Iterable[Any], translate: Callable[[Any], Any]) -> list[Any]:
    """What a translator makes of each event, as the JSON it publishes (None for an event that stays inside)."""
    return [as_json(translate(e)) for e in events]


def as_json(fact: Any) -> Any:
    if isinstance(fact, list):
        return [as_json(f) for f in fact]
    return None if fact is None else fact.model_dump_json()


def without_added_fields(now: Any, recorded: Any) -> Any:
    """The facts published now, without the optional fields their contract gained after `recorded` was recorded.

    Inside a version a contract only gains optional fields (ADR 0002); an old event publishes them as null. Each
    such field is dropped only when it is null, so every other byte must still be the same."""
    if isinstance(now, list):
        return [without_added_fields(n, r) for n, r in zip(now, recorded, strict=True)]
    if now is None or recorded is None:
        return now
    fields, kept = json.loads(now), json.loads(recorded)
    trimmed = {k: v for k, v in fields.items() if k in kept or v is not None}
    return json.dumps(trimmed, separators=(",", ":"), ensure_ascii=False)
