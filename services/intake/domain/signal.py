"""A partner signal taken into a household's case. Holds no personal data: the partner's identifying fields are
sealed into the household; here only who signalled, what kind, and (for arrears) the amount.

Its id is derived from the partner's source and CloudEvents id, so a redelivered signal cannot be taken in twice.
Payment arrears oblige an offer of help (hulpaanbod; Wgs art. 3 lid 2, Bgs art. 2); the outcome goes back to the
partner.
"""

from __future__ import annotations

import uuid
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from kernel.errors import Refused

NAMESPACE = uuid.UUID("0b6f2d3e-8c1a-4a57-9f2e-5d7c1b3a9e41")
KINDS = ("payment_arrears", "concern")


def signal_id(source: str, event_id: str) -> UUID:
    return uuid.uuid5(NAMESPACE, f"{source}|{event_id}")


class Signal(Aggregate):
    @event("Received")
    def __init__(
        self, id: UUID, event_id: str, partner_id: str, kind: str, household_id: UUID, case_id: UUID, team_id: str,
        received_on: date, new_household: bool, arrears_cents: int = 0,
    ) -> None:  # fmt: skip
        if kind not in KINDS:
            raise Refused(f"kind must be one of {', '.join(KINDS)}")
        self.event_id = event_id
        self.partner_id = partner_id
        self.kind = kind
        self.household_id = household_id
        self.case_id = case_id
        self.team_id = team_id
        self.arrears_cents = arrears_cents
        self.help_offered_on: date | None = None

    @property
    def obliges_help_offer(self) -> bool:
        return self.kind == "payment_arrears"

    def offer_help(self, offered_on: date) -> None:
        if not self.obliges_help_offer:
            raise Refused("only a payment-arrears signal obliges an offer of help")
        if self.help_offered_on is not None:
            raise Refused(f"help was already offered on {self.help_offered_on.isoformat()}")
        self._help_offered(
            self.household_id, self.case_id, self.team_id, self.partner_id, self.event_id, self.arrears_cents,
            offered_on,
        )  # fmt: skip

    @event("HelpOffered")
    def _help_offered(
        self, household_id: UUID, case_id: UUID, team_id: str, partner_id: str, event_id: str, arrears_cents: int,
        offered_on: date,
    ) -> None:  # fmt: skip
        self.help_offered_on = offered_on
