"""Providers' requests (the iWmo gateway's ProviderRequestReceived) for the household's coordinator, and the
coordinator's answer. The requests of a plan are listed through an index over planning's own log."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import Tracking

from contracts.events.iwmo import ProviderRequestReceived
from kernel.errors import NotFound
from services.planning.application import PlanningApplication
from services.planning.domain.plan import Plan
from services.planning.domain.provider_request import NO_PLAN, ProviderRequest
from wijk.log_index import LogIndex

DETAILS = ("product_category", "product_code", "volume", "unit", "frequency", "requested_start", "requested_end",
           "change_reason")  # fmt: skip


class UnknownRequest(NotFound):
    """No provider's request with this id (404)."""


class ProviderRequests:
    def __init__(self, app: PlanningApplication) -> None:
        self.app = app
        self.by_plan = LogIndex(app, ProviderRequest.Received, key=lambda e: str(e.plan_id))  # type: ignore[attr-defined]

    def on_received(self, event: ProviderRequestReceived, tracking: Tracking, today: date) -> None:
        """Put the request before the coordinator of the household's open plan; without one, refuse it (reason 1)."""
        app = self.app
        if app.already_processed(tracking):
            return
        if event.request_id in app.repository:  # the same request republished under another ce_id
            app.record_processed(tracking)
            return
        index = app.household_plans(event.household_id)
        plan: Plan | None = app.repository.get(index.open_plan_id) if index and index.open_plan_id else None
        details = {name: _plain(getattr(event, name)) for name in DETAILS if getattr(event, name) is not None}
        request = ProviderRequest(
            event.request_id, event.household_id, plan.id if plan else None, plan.team_id if plan else None,
            event.provider_id, event.reference, event.kind, details, today,
        )  # fmt: skip
        if plan is None:
            request.answer(False, NO_PLAN, "planning", today)
        app.record_processed(tracking, request)

    def get(self, request_id: UUID) -> ProviderRequest:
        try:
            return self.app.repository.get(request_id)  # type: ignore[no-any-return]
        except AggregateNotFoundError:
            raise UnknownRequest(f"no provider's request {request_id}") from None

    def of_plan(self, plan_id: UUID) -> list[dict[str, Any]]:
        return [self.get(identifier).view() for identifier in self.by_plan.ids(str(plan_id))]

    def answer(self, request_id: UUID, taken: bool, refusal_reason: str | None, by: str, today: date) -> None:
        request = self.get(request_id)
        request.answer(taken, refusal_reason, by, today)
        self.app.save(request)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
