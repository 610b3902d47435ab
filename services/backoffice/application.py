"""The backoffice's commands and queries. Facts in, executed decisions out; queries return plain data."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from contracts.events.budget import FundsReserved
from services.backoffice.domain.catalogue import Catalogue
from services.backoffice.domain.decision import Decision, decision_key
from services.backoffice.letter import render_letter
from wijk.eventstore import ServiceApplication
from wijk.settings import PlatformSettings


class BackofficeApplication(ServiceApplication):
    name = "backoffice"

    def __init__(self, catalogue: Catalogue, settings: PlatformSettings | None = None) -> None:
        self.catalogue = catalogue
        super().__init__(settings)

    def on_funds_reserved(self, event: FundsReserved, tracking: Tracking, today: date) -> UUID | None:
        """Budget funded a decision: send the beschikking today and assign the catalogue's provider."""
        if self.already_processed(tracking):
            return None
        if decision_key(event.decision_id) in self.repository:
            self.record_processed(tracking)  # the same decision, republished under another position
            return None
        terms = self.catalogue.provision(event.provision_code)
        decision = Decision(
            decision_id=event.decision_id,
            household_id=event.household_id,
            team_id=event.team_id,
            provision_code=event.provision_code,
            amount_cents=event.amount_cents,
            period_start=event.period_start,
            period_end=event.period_end,
            decided_by=event.decided_by,
            decided_on=event.decided_on,
        )
        decision.issue_letter(today, terms.name, self.catalogue.municipality)
        decision.assign_provider(terms)
        self.record_processed(tracking, decision)
        return decision.id

    def decision(self, decision_id: UUID) -> dict[str, Any]:
        decision: Decision = self.repository.get(decision_key(decision_id))
        return {
            "decision_id": str(decision.decision_id),
            "household_id": str(decision.household_id),
            "team_id": decision.team_id,
            "provision_code": decision.provision_code,
            "amount_cents": decision.amount_cents,
            "period_start": decision.period_start.isoformat(),
            "period_end": decision.period_end.isoformat(),
            "decided_by": decision.decided_by,
            "decided_on": decision.decided_on.isoformat(),
            "letter": _plain(asdict(decision.letter)) if decision.letter else None,
            "assignment": _plain(asdict(decision.assignment)) if decision.assignment else None,
        }

    def letter_text(self, decision_id: UUID) -> str:
        """The beschikking as the resident reads it."""
        return render_letter(self.repository.get(decision_key(decision_id)))


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Dates as ISO strings and ids as strings: what the JSON answer carries."""
    return {k: _scalar(v) for k, v in values.items()}


def _scalar(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if isinstance(value, UUID) else value
