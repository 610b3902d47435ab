"""The gemeente's file on one client at one aanbieder: the toewijzingen it gave (301), what the aanbieder reported
on them (305 start, 307 stop) and what was declared and approved (323). One aggregate per household and AGB code,
because a 301 always carries every current toewijzing of that aanbieder for the client (snapshot semantics,
Procesbeschrijving iWmo 3.2).

The file holds no personal data: the client's BSN is kept only as a keyed digest, to recognise a later message
about the same client; the BSN itself stays in the XML (the archive) and in intake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

NAMESPACE = UUID("0b5e3c7a-9d41-4e2f-8a6c-5f1d2e3b4c70")
NONE, HELD, SENT, ERASED = "none", "held", "sent", "erased"


@dataclass
class Delivery:
    """One period of care on a toewijzing, opened by a 305 and closed by a 307."""

    begindatum: date
    einddatum: date | None = None
    reden: str | None = None


@dataclass
class Toewijzing:
    nummer: int
    assignment_id: UUID
    decision_id: UUID
    category: str
    product_code: str
    volume: int
    unit: str
    frequency: str
    ingangsdatum: date
    einddatum: date
    toewijzingsdatum: date
    toewijzingstijd: str
    deliveries: dict[date, Delivery] = field(default_factory=dict)
    declared_volume: int = 0
    references: set[str] = field(default_factory=set)

    def open_delivery(self) -> Delivery | None:
        return next((d for d in self.deliveries.values() if d.einddatum is None), None)


class ClientFile(Aggregate):
    @staticmethod
    def create_id(household_id: UUID, agb_code: str) -> UUID:
        return file_id(household_id, agb_code)

    @event("Opened")
    def __init__(self, household_id: UUID, provider_id: str, agb_code: str) -> None:
        self.household_id, self.provider_id, self.agb_code = household_id, provider_id, agb_code
        self.toewijzingen: dict[int, Toewijzing] = {}
        self.bsn_digest = ""
        self.outgoing = NONE
        self.hold_reason = ""

    @event("Assigned")
    def assign(
        self,
        nummer: int,
        assignment_id: UUID,
        decision_id: UUID,
        category: str,
        product_code: str,
        volume: int,
        unit: str,
        frequency: str,
        ingangsdatum: date,
        einddatum: date,
        toewijzingsdatum: date,
        toewijzingstijd: str,
    ) -> None:
        self.toewijzingen[nummer] = Toewijzing(
            nummer, assignment_id, decision_id, category, product_code, volume, unit, frequency, ingangsdatum,
            einddatum, toewijzingsdatum, toewijzingstijd,
        )  # fmt: skip
        self.outgoing = HELD

    @event("Held")
    def hold(self, reason: str) -> None:
        """The 301 waits: the client's data or the schemas are not available now; retried later."""
        self.outgoing, self.hold_reason = HELD, reason

    @event("Sent")
    def sent(self, identificatie: str, bsn_digest: str) -> None:
        self.outgoing, self.hold_reason, self.bsn_digest = SENT, "", bsn_digest

    @event("ClientErased")
    def client_erased(self) -> None:
        """The household was erased: no 301 is sent for it (AVG art. 17)."""
        self.outgoing, self.hold_reason = ERASED, ""

    def current(self, on: date) -> list[Toewijzing]:
        """The toewijzingen a 301 made on `on` carries: every one still valid on or after that day."""
        return sorted((t for t in self.toewijzingen.values() if t.einddatum >= on), key=lambda t: t.nummer)

    def start(self, nummer: int, begindatum: date) -> None:
        toewijzing = self.toewijzingen[nummer]
        self._started(self.household_id, toewijzing.assignment_id, self.provider_id, nummer, begindatum)

    @event("StartAccepted")
    def _started(
        self, household_id: UUID, assignment_id: UUID, provider_id: str, nummer: int, start_date: date
    ) -> None:
        self.toewijzingen[nummer].deliveries[start_date] = Delivery(start_date)

    def stop(self, nummer: int, begindatum: date, einddatum: date, reden: str) -> None:
        toewijzing = self.toewijzingen[nummer]
        self._stopped(
            self.household_id, toewijzing.assignment_id, self.provider_id, nummer, begindatum, einddatum, reden
        )

    @event("StopAccepted")
    def _stopped(
        self,
        household_id: UUID,
        assignment_id: UUID,
        provider_id: str,
        nummer: int,
        begindatum: date,
        end_date: date,
        reason_code: str,
    ) -> None:
        delivery = self.toewijzingen[nummer].deliveries[begindatum]
        delivery.einddatum, delivery.reden = end_date, reason_code

    def approve(self, nummer: int, reference: str, start: date, end: date, volume: int, amount_cents: int) -> None:
        toewijzing = self.toewijzingen[nummer]
        declaration_id = uuid5(NAMESPACE, f"prestatie:{self.agb_code}:{reference}")
        self._approved(
            self.household_id, toewijzing.assignment_id, self.provider_id, nummer, reference, declaration_id,
            start, end, volume, toewijzing.unit, amount_cents,
        )  # fmt: skip

    @event("LineApproved")
    def _approved(
        self,
        household_id: UUID,
        assignment_id: UUID,
        provider_id: str,
        nummer: int,
        reference: str,
        declaration_id: UUID,
        period_start: date,
        period_end: date,
        volume: int,
        unit: str,
        amount_cents: int,
    ) -> None:
        toewijzing = self.toewijzingen[nummer]
        toewijzing.declared_volume += volume
        toewijzing.references.add(reference)


def file_id(household_id: UUID, agb_code: str) -> UUID:
    return uuid5(NAMESPACE, f"file:{household_id}:{agb_code}")


OUTGOING_EVENTS = (ClientFile.Assigned, ClientFile.Held, ClientFile.Sent, ClientFile.ClientErased)  # type: ignore[attr-defined]
"""The events that move a file's outgoing 301 from state to state."""


def outgoing_after(event: Any) -> str:
    """The state of the file's 301 after one of `OUTGOING_EVENTS`: a new toewijzing waits until it is sent."""
    if isinstance(event, ClientFile.Sent):  # type: ignore[attr-defined]
        return SENT
    if isinstance(event, ClientFile.ClientErased):  # type: ignore[attr-defined]
        return ERASED
    return HELD


class Claim(Aggregate):
    """A key that may be used once: a ToewijzingNummer (unique within the Wmo, 9332), a message identification per
    sender and message type (9056), a DeclaratieNummer (9333), a ReferentieAanbieder (9347). `ref` points to what
    holds the key (the client file of a toewijzing)."""

    @staticmethod
    def create_id(key: str) -> UUID:
        return claim_id(key)

    @event("Claimed")
    def __init__(self, key: str, ref: str = "") -> None:
        self.key, self.ref = key, ref


def client_key(agb_code: str, bsn_digest: str) -> str:
    """The claim that points from a client (its BSN's keyed digest) at one aanbieder to the client's file."""
    return f"client:{agb_code}:{bsn_digest}"


def claim_id(key: str) -> UUID:
    return uuid5(NAMESPACE, f"claim:{key}")


def first_number(assignment_id: UUID) -> int:
    """Where the search for a free ToewijzingNummer (LDT_Nummer, 1..999999999) starts: derived from the
    assignment, so a replayed fact finds the number it had; the next free one on a collision."""
    return assignment_id.int % 999_999_999 + 1


def next_number(nummer: int) -> int:
    return nummer % 999_999_999 + 1
