"""Base of `Plan`: cancelling a decision (intrekking). The team withdraws what it decided; budget then releases
whatever it still holds for the decision. For a Wmo maatwerkvoorziening the college may withdraw the decision
(Wmo 2015 art. 2.3.10); a professional in the register records it on the college's behalf, with a reason.

A decision is cancelled once. One whose funds were refused has nothing to cancel: the team decides again.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import event

from kernel.errors import Refused
from services.planning.domain.decision import FUNDS_REFUSED, Decision
from services.planning.domain.mandates import NotMandated
from services.planning.domain.plan_escalation import EscalatingPlan
from services.planning.domain.plan_team import PlanConflict

CANCELLED = "cancelled"


class DecisionNotCancellable(PlanConflict):
    """The plan holds no such decision, or it was cancelled already, or its funds were refused."""


class CancellerNotRegistered(NotMandated):
    """Only a professional in the mandate register may cancel a decision (HTTP 403, as NotMandated)."""


class CancellingPlan(EscalatingPlan):
    if TYPE_CHECKING:  # set by Plan.__init__; annotations here would become __init__ fields
        decisions: dict[UUID, Decision]

    def cancel_decision(self, decision_id: UUID, cancelled_by: str, reason: str, cancelled_on: date) -> None:
        """Withdraw a decision (taken, funded, escalated or recorded) with the professional and the reason."""
        if not cancelled_by.strip():
            raise Refused("cancelled_by must name the professional who cancels")
        if not reason.strip():
            raise Refused("a cancellation states its reason")
        decision = self.decisions.get(decision_id)
        if decision is None:
            raise DecisionNotCancellable(f"plan {self.id} has no decision {decision_id}")
        if decision.status in (CANCELLED, FUNDS_REFUSED):
            raise DecisionNotCancellable(f"decision {decision_id} is {decision.status}: there is nothing to cancel")
        self._decision_cancelled(self.household_id, self.team_id, decision_id, cancelled_by, reason, cancelled_on)

    @event("DecisionCancelled")
    def _decision_cancelled(
        self, household_id: UUID, team_id: str, decision_id: UUID, cancelled_by: str, reason: str, cancelled_on: date
    ) -> None:
        decision = self.decisions[decision_id]
        decision.status, decision.reason = CANCELLED, reason
