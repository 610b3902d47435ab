"""A decision the team cancelled before the backoffice executed it. Planning's DecisionCancelled and budget's
FundsReserved arrive on different topics: when the cancellation comes first, this mark keeps the late reservation
from sending an award that was already withdrawn (budget releases the money)."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.backoffice.domain.decision import NAMESPACE


def cancelled_key(decision_id: UUID) -> UUID:
    return uuid5(NAMESPACE, f"cancelled:{decision_id}")


class CancelledBeforeExecution(Aggregate):
    @staticmethod
    def create_id(decision_id: UUID, cancelled_on: date) -> UUID:
        return cancelled_key(decision_id)

    @event("Marked")
    def __init__(self, decision_id: UUID, cancelled_on: date) -> None:
        self.decision_id, self.cancelled_on = decision_id, cancelled_on
