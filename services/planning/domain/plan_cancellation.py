"""Cancelling a decision (intrekking), as a rule the plan applies. The team withdraws what it decided; budget then
releases whatever it still holds for the decision. For a Wmo maatwerkvoorziening the college may withdraw the
decision (Wmo 2015 art. 2.3.10); a professional in the register records it on the college's behalf, with a reason.

A decision is cancelled once. One whose funds were refused has nothing to cancel: the team decides again. A refusal
is not withdrawn (the resident may object to it), nor is a decision already revoked after a bezwaar.
"""

from __future__ import annotations

from uuid import UUID

from kernel.errors import Refused
from services.planning.domain.decision import FUNDS_REFUSED, REFUSED, REVOKED, Decision
from services.planning.domain.mandates import NotMandated
from services.planning.domain.plan_team import PlanConflict

CANCELLED = "cancelled"


class DecisionNotCancellable(PlanConflict):
    """The plan holds no such decision, or it was cancelled already, or its funds were refused."""


class CancellerNotRegistered(NotMandated):
    """Only a professional in the mandate register may cancel a decision (HTTP 403, as NotMandated)."""


def check_cancellable(
    plan_id: UUID, decision_id: UUID, decision: Decision | None, cancelled_by: str, reason: str
) -> None:
    """A taken, funded, escalated or recorded decision is withdrawn with the professional and the reason."""
    if not cancelled_by.strip():
        raise Refused("cancelled_by must name the professional who cancels")
    if not reason.strip():
        raise Refused("a cancellation states its reason")
    if decision is None:
        raise DecisionNotCancellable(f"plan {plan_id} has no decision {decision_id}")
    if decision.status in (CANCELLED, FUNDS_REFUSED, REFUSED, REVOKED):
        raise DecisionNotCancellable(f"decision {decision_id} is {decision.status}: there is nothing to cancel")
