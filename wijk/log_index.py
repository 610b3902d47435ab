"""A small read-side index over the service's own notification log: key -> ids of the aggregates created.

It lives in memory, is rebuilt from the log after a restart and catches up on every read, so it is never
behind what the store has committed. Thin on purpose: a later issue may move listings to a projection table.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.utils import get_topic


class LogIndex:
    """key -> ids of the aggregates created, in the order they were created."""

    def __init__(self, app: Application[Any], event_class: type, key: Callable[[Any], str], batch: int = 500) -> None:
        self.app, self.key, self.batch = app, key, batch
        self.topics = [get_topic(event_class)]
        self.position = 0
        self.ids_by_key: dict[str, dict[UUID, None]] = {}  # an ordered set per key
        self.lock = threading.Lock()

    def ids(self, key: str) -> list[UUID]:
        with self.lock:
            self._catch_up()
            return list(self.ids_by_key.get(key, ()))

    def _catch_up(self) -> None:
        while notifications := self.app.recorder.select_notifications(
            self.position + 1, self.batch, topics=self.topics
        ):
            for notification in notifications:
                self._index(self.app.mapper.to_domain_event(notification))
            self.position = notifications[-1].id

    def _index(self, event: Any) -> None:
        self.ids_by_key.setdefault(self.key(event), {})[event.originator_id] = None


class StateIndex(LogIndex):
    """key -> ids of the aggregates whose latest event of `event_classes` gave that key: an aggregate moves from
    key to key as its events come (a 301 that waits, then is sent), so a key lists only those in that state now.
    An event whose `key` is None leaves its aggregate where it was."""

    def __init__(
        self, app: Application[Any], event_classes: Iterable[type], key: Callable[[Any], str | None], batch: int = 500
    ) -> None:
        classes = list(event_classes)
        super().__init__(app, classes[0], key, batch)  # type: ignore[arg-type]
        self.topics = [get_topic(c) for c in classes]
        self.key_of: dict[UUID, str] = {}

    def _index(self, event: Any) -> None:
        identifier, key = event.originator_id, self.key(event)
        if key is None:
            return
        if (old := self.key_of.get(identifier)) is not None:
            self.ids_by_key[old].pop(identifier, None)
        self.key_of[identifier] = key
        self.ids_by_key.setdefault(key, {})[identifier] = None
