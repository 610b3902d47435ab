"""The reference provider's commands and queries: assignments in, acceptance and start of care out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from contracts.events.backoffice import ProviderAssigned
from services.care.domain.assignment import Assignment
from services.care.domain.policy import respond
from wijk.eventstore import ServiceApplication
from wijk.log_index import LogIndex
from wijk.settings import PlatformSettings


class CareApplication(ServiceApplication):
    name = "care"

    def __init__(self, providers: Iterable[str], settings: PlatformSettings | None = None) -> None:
        self.providers = frozenset(providers)
        super().__init__(settings)
        self.by_provider = LogIndex(self, Assignment.Received, key=lambda e: e.provider_id)

    def on_provider_assigned(self, event: ProviderAssigned, tracking: Tracking, today: date) -> UUID | None:
        """Accept an assignment for a provider this system serves and start care; reject any other."""
        if self.already_processed(tracking):
            return None
        if event.assignment_id in self.repository:
            self.record_processed(tracking)  # the same assignment, republished under another position
            return None
        assignment = Assignment(
            assignment_id=event.assignment_id,
            household_id=event.household_id,
            decision_id=event.decision_id,
            provider_id=event.provider_id,
            product_code=event.product_code,
            volume=event.volume,
            unit=event.unit,
            frequency=event.frequency,
            period_start=event.period_start,
            period_end=event.period_end,
        )
        respond(assignment, self.providers, today)
        self.record_processed(tracking, assignment)
        return assignment.id

    def assignment(self, assignment_id: UUID) -> dict[str, Any]:
        assignment: Assignment = self.repository.get(assignment_id)
        return {
            "assignment_id": str(assignment.id),
            "household_id": str(assignment.household_id),
            "decision_id": str(assignment.decision_id),
            "provider_id": assignment.provider_id,
            "product_code": assignment.product_code,
            "volume": assignment.volume,
            "unit": assignment.unit,
            "frequency": assignment.frequency,
            "period_start": assignment.period_start.isoformat(),
            "period_end": assignment.period_end.isoformat(),
            "status": assignment.status,
            "start_date": assignment.start_date.isoformat() if assignment.start_date else None,
            "rejection_reason": assignment.rejection_reason,
        }

    def assignments(self, provider_id: str) -> list[dict[str, Any]]:
        return [self.assignment(i) for i in self.by_provider.ids(provider_id)]
