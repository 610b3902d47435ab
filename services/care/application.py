"""The reference provider's commands and queries: assignments in; acceptance, start, stop, declarations and
feedback out. Every command names the acting provider: a provider only acts on its own assignments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.persistence import JSONTranscoder, Tracking

from contracts.events.backoffice import ProviderAssigned
from kernel.errors import Forbidden, Refused
from services.care.domain.assignment import Assignment, DeclaredCare, Order
from services.care.domain.declaration import Claim
from services.care.domain.policy import Policy, accept, respond
from wijk.eventstore import ServiceApplication
from wijk.log_index import LogIndex
from wijk.settings import PlatformSettings
from wijk.transcodings import ValueObjectAsDict

VALUE_OBJECTS = (ValueObjectAsDict(Order, "care_order"), ValueObjectAsDict(DeclaredCare, "care_declared"))
"""The value objects care's events carry whole."""


class NotYourAssignment(Forbidden):
    """A provider acted on an assignment that is not its own (or is not served here): refused, and recorded."""


class DeclarationRefused(Refused):
    """A declaration the rules refuse (outside the period, above the volume, no tariff): recorded, then 422."""


class CareApplication(ServiceApplication):
    name = "care"
    batches_facts = True  # its handlers read through the repository and write through record_processed only
    free_text = {Assignment.FeedbackGiven: ("remarks",)}  # type: ignore[attr-defined]
    """A provider's remarks on the plan are free text about the household: sealed with its text key (ADR 0006)."""

    def __init__(self, policies: Mapping[str, Policy], settings: PlatformSettings | None = None) -> None:
        self.policies = dict(policies)
        self.xml_providers: set[str] = set()
        """Providers that speak iWmo XML here: their orders come as 301s from the mailbox, not from the bus."""
        super().__init__(settings)
        self.by_provider = LogIndex(self, Assignment.Received, key=lambda e: e.order.provider_id)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        for transcoding in VALUE_OBJECTS:
            transcoder.register(transcoding)

    def on_provider_assigned(self, event: ProviderAssigned, tracking: Tracking, today: date) -> UUID | None:
        """Take in an assignment (iWmo 301) and answer it as the provider's policy says; reject any other's."""
        if self.already_processed(tracking):
            return None
        if event.assignment_id in self.repository or event.provider_id in self.xml_providers:
            self.record_processed(tracking)  # republished, or a provider that learns it from its 301 (iwmo_exchange)
            return None
        assignment = Assignment(Order(**event.model_dump(include={f.name for f in fields(Order)})))
        respond(assignment, self.policies, today)
        self.record_processed(tracking, assignment)
        return assignment.id

    def _own(self, assignment_id: UUID, provider_id: str, action: str, today: date) -> Assignment:
        """The assignment, when `provider_id` is a served provider and the assignment is its own."""
        assignment: Assignment = self.repository.get(assignment_id)
        if provider_id not in self.policies or assignment.provider_id != provider_id:
            assignment.reject_action(provider_id, action, today)
            self.save(assignment)
            raise NotYourAssignment(f"provider {provider_id!r} may not act on assignment {assignment_id}")
        return assignment

    def record_stranger(self, assignment_id: UUID, provider_id: str, action: str, today: date) -> None:
        """Put on record that `provider_id` (the token's organisation) tried to act on another's assignment."""
        assignment: Assignment = self.repository.get(assignment_id)
        assignment.reject_action(provider_id, action, today)
        self.save(assignment)

    def accept(self, assignment_id: UUID, provider_id: str, today: date) -> None:
        assignment = self._own(assignment_id, provider_id, "acceptance", today)
        accept(assignment, self.policies[provider_id], today)
        self.save(assignment)

    def refuse(self, assignment_id: UUID, provider_id: str, reason: str, today: date) -> None:
        assignment = self._own(assignment_id, provider_id, "refusal", today)
        assignment.refuse(reason, today)
        self.save(assignment)

    def start(self, assignment_id: UUID, provider_id: str, start_date: date, today: date) -> None:
        assignment = self._own(assignment_id, provider_id, "start", today)
        assignment.start(start_date)
        self.save(assignment)

    def stop(self, assignment_id: UUID, provider_id: str, end_date: date, reason_code: str, today: date) -> None:
        assignment = self._own(assignment_id, provider_id, "stop", today)
        assignment.stop(end_date, reason_code)
        self.save(assignment)

    def declare(self, assignment_id: UUID, provider_id: str, claim: Claim, today: date) -> dict[str, Any]:
        """Declare delivered volume; the amount is volume * the provider's tariff. A refusal is saved first."""
        assignment = self._own(assignment_id, provider_id, "declaration", today)
        declaration_id = uuid4()
        tariff = self.policies[provider_id].tariff(assignment.product_code, assignment.unit)
        reason = assignment.declare(declaration_id, claim, tariff, today)
        self.save(assignment)
        if reason is not None:
            raise DeclarationRefused(f"declaration refused: {reason}")
        assert tariff is not None
        return {"declaration_id": str(declaration_id), "amount_cents": claim.volume * tariff}

    def give_feedback(self, assignment_id: UUID, provider_id: str, plan_fits: bool, remarks: str, today: date) -> None:
        assignment = self._own(assignment_id, provider_id, "feedback", today)
        assignment.give_feedback(plan_fits, remarks)
        self.save(assignment)

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
            "start_date": _iso(assignment.start_date),
            "end_date": _iso(assignment.end_date),
            "end_reason": assignment.end_reason,
            "declared_volume": assignment.declared_volume,
            "rejection_reason": assignment.rejection_reason,
        }

    def assignments(self, provider_id: str) -> list[dict[str, Any]]:
        return [self.assignment(i) for i in self.by_provider.ids(provider_id)]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
