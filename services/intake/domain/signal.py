"""A partner signal taken into a household's case. Holds no personal data: the partner's identifying fields are
sealed into the household; here only who signalled, what kind, and (for arrears) the amount.

Its id is derived from the partner's source and CloudEvents id, so a redelivered signal cannot be taken in twice.
Payment arrears oblige an offer of help (hulpaanbod; Wgs art. 3 lid 2, Bgs art. 2); the outcome goes back to the
partner.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from kernel.errors import Refused

NAMESPACE = uuid.UUID("0b6f2d3e-8c1a-4a57-9f2e-5d7c1b3a9e41")
KINDS = ("payment_arrears", "concern")


def signal_id(source: str, event_id: str) -> UUID:
    return uuid.uuid5(NAMESPACE, f"{source}|{event_id}")


def admitted_signal_id(source: str, event_id: str) -> UUID:
    """The id of a signal taken in after it was first refused (its sender was registered later and the letter
    replayed): the refusal keeps `signal_id`, which stays on record."""
    return uuid.uuid5(NAMESPACE, f"admitted|{source}|{event_id}")


@dataclass(frozen=True)
class TakenSignal:
    """A partner's signal as intake took it: its CloudEvents id, the partner, its kind, and the case it joined."""

    event_id: str
    partner_id: str
    kind: str
    household_id: UUID
    case_id: UUID
    team_id: str
    received_on: date
    new_household: bool
    arrears_cents: int = 0


@dataclass(frozen=True)
class HelpOffer:
    """The offer of help (hulpaanbod) payment arrears oblige, made in the signal's case; its partner hears of it."""

    household_id: UUID
    case_id: UUID
    team_id: str
    partner_id: str
    event_id: str
    arrears_cents: int
    offered_on: date


class Signal(Aggregate):
    class Received(Aggregate.Created):
        """Carries the taken signal whole (class version 2); version 1 flattened its nine fields."""

        signal: TakenSignal
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["signal"] = TakenSignal(**{f.name: state.pop(f.name) for f in fields(TakenSignal)})

    class HelpOffered(Aggregate.Event):
        """Carries the offer whole (class version 2); version 1 flattened its seven fields."""

        offer: HelpOffer
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["offer"] = HelpOffer(**{f.name: state.pop(f.name) for f in fields(HelpOffer)})

    @event(Received)
    def __init__(self, id: UUID, signal: TakenSignal) -> None:
        if signal.kind not in KINDS:
            raise Refused(f"kind must be one of {', '.join(KINDS)}")
        self.event_id = signal.event_id
        self.partner_id = signal.partner_id
        self.kind = signal.kind
        self.household_id = signal.household_id
        self.case_id = signal.case_id
        self.team_id = signal.team_id
        self.arrears_cents = signal.arrears_cents
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
            HelpOffer(
                self.household_id, self.case_id, self.team_id, self.partner_id, self.event_id, self.arrears_cents,
                offered_on,
            )
        )  # fmt: skip

    @event(HelpOffered)
    def _help_offered(self, offer: HelpOffer) -> None:
        self.help_offered_on = offer.offered_on
