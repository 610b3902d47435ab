"""Intake's application on eventsourcing's in-memory store, without its key vault: enough for cases, clocks and
the facts it consumes (households are registered with nothing sealed)."""

from __future__ import annotations

import uuid
from datetime import date
from itertools import count
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import Tracking

from services.intake.application import IntakeApplication
from services.intake.domain.household import Household
from services.intake.domain.support_request import SupportRequest
from services.intake.meldingen import open_case
from services.intake.translator import translate


class InMemoryIntake(IntakeApplication):
    def __init__(self) -> None:
        self.on_recorded = []
        self.positions = count(1)
        Application.__init__(self, env={"PERSISTENCE_MODULE": "eventsourcing.popo"})

    def tracking(self) -> Tracking:
        return Tracking("test", next(self.positions))

    def melding(self, on: date, household_id: uuid.UUID | None = None) -> tuple[uuid.UUID, uuid.UUID]:
        """A melding for a new (or this) household: its case with the personal-plan and investigation terms."""
        household = (
            self.repository.get(household_id)
            if household_id
            else Household(uuid.uuid4(), "Almere Haven", "wijkteam-haven", 1, "")
        )
        melding = SupportRequest(household.id, "professional", ["care"], on)
        case = open_case(household, melding, on)
        self.save(household, melding, case)
        return household.id, case.id

    def published(self) -> list[Any]:
        stored = self.recorder.select_notifications(1, 10_000)
        return [f for f in (translate(self.mapper.to_domain_event(n)) for n in stored) if f is not None]
