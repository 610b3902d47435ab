"""A signal refused because its sender is not registered for the topic it came on: recorded, with no content."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event


class RejectedSignal(Aggregate):
    @event("Rejected")
    def __init__(self, id: UUID, source: str, topic: str, reason: str, rejected_on: date) -> None:
        self.source = source
        self.topic = topic
        self.reason = reason
        self.rejected_on = rejected_on
