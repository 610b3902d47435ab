"""Planning's application on eventsourcing's in-memory store: its commands and inbox handlers without PostgreSQL."""

from __future__ import annotations

from itertools import count
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import Tracking

from services.planning.application import PlanningApplication
from services.planning.config import PlanningConfig
from services.planning.translator import translate


class InMemoryPlanning(PlanningApplication):
    def __init__(self, config: PlanningConfig) -> None:
        self.config = config
        self.on_recorded = []
        self.positions = count(1)
        Application.__init__(self, env={"PERSISTENCE_MODULE": "eventsourcing.popo"})

    def tracking(self) -> Tracking:
        return Tracking("test", next(self.positions))

    def published(self) -> list[Any]:
        """Every fact the outbox holds, in order, as the relay would publish it (read back through the mapper)."""
        stored = self.recorder.select_notifications(1, 10_000)
        facts = [translate(self.mapper.to_domain_event(n)) for n in stored]
        return [f for f in facts if f is not None]
