"""A small read-side index over the service's own notification log: key -> ids of the aggregates created.

It lives in memory, is rebuilt from the log after a restart and catches up on every read, so it is never
behind what the store has committed. Thin on purpose: a later issue may move listings to a projection table.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.utils import get_topic


class LogIndex:
    def __init__(self, app: Application[Any], event_class: type, key: Callable[[Any], str], batch: int = 500) -> None:
        self.app, self.key, self.batch = app, key, batch
        self.topics = [get_topic(event_class)]
        self.position = 0
        self.ids_by_key: dict[str, list[UUID]] = {}
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
                created = self.app.mapper.to_domain_event(notification)
                self.ids_by_key.setdefault(self.key(created), []).append(created.originator_id)
            self.position = notifications[-1].id
