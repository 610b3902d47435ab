"""The backoffice's application on eventsourcing's in-memory store: its handlers and commands without PostgreSQL."""

from __future__ import annotations

from itertools import count
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import Tracking

from services.backoffice.application import BackofficeApplication
from services.backoffice.translator import translate
from tests.unit.backoffice.factories import CATALOGUE


class InMemoryBackoffice(BackofficeApplication):
    def __init__(self) -> None:
        self.catalogue = CATALOGUE
        self.on_recorded = []
        self.positions = count(1)
        Application.__init__(self, env={"PERSISTENCE_MODULE": "eventsourcing.popo"})

    def tracking(self) -> Tracking:
        return Tracking("test", next(self.positions))

    def published(self) -> list[Any]:
        stored = self.recorder.select_notifications(1, 10_000)
        return [f for f in (translate(self.mapper.to_domain_event(n)) for n in stored) if f is not None]
