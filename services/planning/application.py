"""Planning's commands and queries. Commands return ids; queries return plain data, never aggregates."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import RecordConflictError, Tracking

from contracts.events.budget import FundsRefused, FundsReserved
from contracts.events.intake import CaseOpened
from services.planning.domain.decision import Decision
from services.planning.domain.household_plans import HouseholdPlans, household_plans_id
from services.planning.domain.plan import Plan, UnknownDecision, team_coordinator
from wijk.consumer import Unprocessable
from wijk.eventstore import ServiceApplication
from wijk.settings import PlatformSettings

SAVE_ATTEMPTS = 3
"""A fact about the plan may land between reading and saving it; the command then simply runs again."""


class UnknownProvision(ValueError):
    """The provision code is not in the municipality's catalogue."""


@dataclass(frozen=True)
class DecisionInput:
    provision_code: str
    amount_cents: int
    period_start: date
    period_end: date
    decided_by: str


class PlanningApplication(ServiceApplication):
    name = "planning"

    def __init__(self, catalogue: Mapping[str, str], settings: PlatformSettings | None = None) -> None:
        self.catalogue = dict(catalogue)
        """Provision code to the budget line that pays for it."""
        super().__init__(settings)

    def on_case_opened(self, event: CaseOpened, tracking: Tracking) -> None:
        """Draft the household's plan, unless it already has an open one (then the case joins that plan)."""
        if self.already_processed(tracking):
            return
        index = self._household_plans(event.household_id) or HouseholdPlans(event.household_id)
        if index.open_plan_id is not None:
            plan: Plan = self.repository.get(index.open_plan_id)
            plan.link_case(event.case_id)
            self.record_processed(tracking, plan)
            return
        plan = Plan(event.household_id, event.case_id, event.team_id, team_coordinator(event.team_id))
        index.add_plan(plan.id)
        self.record_processed(tracking, index, plan)

    def take_decision(self, plan_id: UUID, decision: DecisionInput, today: date) -> UUID:
        """Record a decision in the plan; budget then reserves or refuses the money."""
        budget_line = self._budget_line_of(decision.provision_code)
        taken = Decision(uuid4(), budget_line=budget_line, decided_on=today, **vars(decision))
        for _ in range(SAVE_ATTEMPTS - 1):
            with contextlib.suppress(RecordConflictError):
                return self._record_decision(plan_id, taken)
        return self._record_decision(plan_id, taken)

    def _record_decision(self, plan_id: UUID, decision: Decision) -> UUID:
        plan: Plan = self.repository.get(plan_id)
        plan.take_decision(decision)
        self.save(plan)
        return decision.decision_id

    def on_funds_reserved(self, event: FundsReserved, tracking: Tracking) -> None:
        self._learn(tracking, event.plan_id, lambda plan: plan.learn_funds_reserved(event.decision_id))

    def on_funds_refused(self, event: FundsRefused, tracking: Tracking) -> None:
        self._learn(tracking, event.plan_id, lambda plan: plan.learn_funds_refused(event.decision_id, event.reason))

    def plans_of(self, household_id: UUID) -> list[dict[str, Any]]:
        index = self._household_plans(household_id)
        return [self.plan(plan_id) for plan_id in index.plan_ids] if index else []

    def plan(self, plan_id: UUID) -> dict[str, Any]:
        plan: Plan = self.repository.get(plan_id)
        return {
            "plan_id": str(plan.id),
            "household_id": str(plan.household_id),
            "case_id": str(plan.case_id),
            "case_ids": [str(c) for c in plan.case_ids],
            "team_id": plan.team_id,
            "coordinator": plan.coordinator,
            "decisions": [_decision_dict(d) for d in plan.decisions.values()],
        }

    def _learn(self, tracking: Tracking, plan_id: UUID, learn: Callable[[Plan], None]) -> None:
        if self.already_processed(tracking):
            return
        try:
            plan: Plan = self.repository.get(plan_id)
            learn(plan)
        except (AggregateNotFoundError, UnknownDecision) as exc:
            raise Unprocessable(f"no such decision in planning: {exc}") from exc
        self.record_processed(tracking, plan)

    def _household_plans(self, household_id: UUID) -> HouseholdPlans | None:
        try:
            return self.repository.get(household_plans_id(household_id))  # type: ignore[no-any-return]
        except AggregateNotFoundError:
            return None

    def _budget_line_of(self, provision_code: str) -> str:
        try:
            return self.catalogue[provision_code]
        except KeyError:
            known = ", ".join(sorted(self.catalogue))
            raise UnknownProvision(f"provision {provision_code!r} is not in the catalogue; known: {known}") from None


def _decision_dict(decision: Decision) -> dict[str, Any]:
    return {
        "decision_id": str(decision.decision_id),
        "provision_code": decision.provision_code,
        "budget_line": decision.budget_line,
        "amount_cents": decision.amount_cents,
        "period_start": decision.period_start.isoformat(),
        "period_end": decision.period_end.isoformat(),
        "decided_by": decision.decided_by,
        "decided_on": decision.decided_on.isoformat(),
        "status": decision.status,
        "reason": decision.reason,
    }
