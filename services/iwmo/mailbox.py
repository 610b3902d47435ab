"""Each provider's mailbox as a listing over the archive: every archived message with its position (the
notification id of its one event), per AGB code and direction. Rebuilt from the store after a restart and caught up
on every read, like `wijk.log_index`; a later issue may move it to a projection table."""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.utils import get_topic

from services.iwmo.domain.archive import ArchivedMessage


@dataclass(frozen=True)
class Entry:
    position: int
    message_id: UUID
    code: str
    identificatie: str
    outcome: str
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "position": self.position, "message_id": str(self.message_id), "message": f"WMO{self.code}",
            "identificatie": self.identificatie, "outcome": self.outcome, "reasons": list(self.reasons),
        }  # fmt: skip


class MailboxIndex:
    def __init__(self, app: Application[Any], batch: int = 500) -> None:
        self.app, self.batch = app, batch
        self.topics = [get_topic(ArchivedMessage.Archived)]  # type: ignore[attr-defined]
        self.position = 0
        self.entries: dict[tuple[str, str], list[Entry]] = {}
        self.lock = threading.Lock()

    def since(self, agb_code: str, direction: str, after: int, limit: int) -> list[Entry]:
        with self.lock:
            self._catch_up()
            entries = self.entries.get((agb_code, direction), [])
            start = bisect.bisect_right([e.position for e in entries], after)
            return entries[start : start + limit]

    def at(self, agb_code: str, position: int) -> Entry | None:
        with self.lock:
            self._catch_up()
            for direction in ("in", "out"):
                for entry in self.entries.get((agb_code, direction), []):
                    if entry.position == position:
                        return entry
        return None

    def _catch_up(self) -> None:
        while notifications := self.app.recorder.select_notifications(
            self.position + 1, self.batch, topics=self.topics
        ):
            for notification in notifications:
                event: Any = self.app.mapper.to_domain_event(notification)
                entry = Entry(
                    notification.id, event.originator_id, event.code, event.identificatie, event.outcome,
                    tuple(event.reasons),
                )  # fmt: skip
                self.entries.setdefault((event.agb_code, event.direction), []).append(entry)
            self.position = notifications[-1].id
