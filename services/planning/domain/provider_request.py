"""A provider's request for the household's coordinator (issue 15): a verzoek om toewijzing (iWmo WMO315) or om
wijziging (WMO317) that the iWmo gateway accepted. The coordinator takes it up (it is then decided on as an
aanvraag: a decision, and its assignment in a 301, follow) or refuses it with a WJ759 reason; the answer goes
back to the provider as a WMO319. A request for a household without an open plan cannot reach a coordinator:
planning refuses it at once with reason 1 (geen wijziging maar nieuwe aanvraag: the resident makes a melding).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from kernel.errors import Conflict, Refused

OPEN, TAKEN, REFUSED = "open", "taken", "refused"
REASONS = {
    "1": "geen wijziging, maar nieuwe aanvraag", "2": "past niet binnen budget", "3": "geen contract",
    "4": "past niet binnen contract", "5": "andere gemeente", "6": "stapeling", "7": "zorginhoudelijke afkeur",
    "8": "woonplaatsbeginsel", "9": "leeftijdsgrens bereikt",
}  # fmt: skip
"""WJ759 Reden afwijzing verzoek (iStandaarden, iWmo 3.2)."""
NO_PLAN = "1"


class AlreadyAnswered(Conflict):
    """A request is answered once (409)."""


class InvalidAnswer(Refused):
    """A refusal without a WJ759 reason, or a taken request with one (422)."""


class ProviderRequest(Aggregate):
    @staticmethod
    def create_id(request_id: UUID) -> UUID:
        return request_id

    @event("Received")
    def __init__(
        self,
        request_id: UUID,
        household_id: UUID,
        plan_id: UUID | None,
        team_id: str | None,
        provider_id: str,
        reference: str,
        kind: str,
        details: dict[str, Any],
        received_on: date,
    ) -> None:
        self.household_id, self.plan_id, self.team_id = household_id, plan_id, team_id
        self.provider_id, self.reference, self.kind, self.details = provider_id, reference, kind, details
        self.received_on = received_on
        self.status = OPEN
        self.refusal_reason: str | None = None
        self.answered_by: str | None = None
        self.answered_on: date | None = None

    def answer(self, taken: bool, refusal_reason: str | None, by: str, on: date) -> None:
        if self.status != OPEN:
            raise AlreadyAnswered(f"request {self.id} was {self.status} already")
        if taken and refusal_reason is not None:
            raise InvalidAnswer("a request taken up has no reason of refusal")
        if not taken and refusal_reason not in REASONS:
            raise InvalidAnswer(f"a refusal needs its WJ759 reason, one of {', '.join(REASONS)}")
        self._answered(self.household_id, self.plan_id, self.provider_id, taken, refusal_reason, by, on)

    @event("Answered")
    def _answered(
        self,
        household_id: UUID,
        plan_id: UUID | None,
        provider_id: str,
        taken: bool,
        refusal_reason: str | None,
        answered_by: str,
        answered_on: date,
    ) -> None:
        self.status = TAKEN if taken else REFUSED
        self.refusal_reason, self.answered_by, self.answered_on = refusal_reason, answered_by, answered_on

    def view(self) -> dict[str, Any]:
        return {
            "request_id": str(self.id), "household_id": str(self.household_id),
            "plan_id": str(self.plan_id) if self.plan_id else None, "provider_id": self.provider_id,
            "reference": self.reference, "kind": self.kind, "details": self.details,
            "received_on": self.received_on.isoformat(), "status": self.status,
            "refusal_reason": self.refusal_reason, "answered_by": self.answered_by,
            "answered_on": self.answered_on.isoformat() if self.answered_on else None,
        }  # fmt: skip
