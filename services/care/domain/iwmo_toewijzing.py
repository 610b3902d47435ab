"""A toewijzing as the reference provider learns it when it speaks iWmo XML: from a 301 in its mailbox, not from
the bus. It keeps what its own 305, 307 and 323 must repeat (the client as the 301 named it, the product, the
period and the omvang) and every message it sent with the gemeente's verdict. The provider's own system holds the
client's BSN, as any provider's does; it never goes on the bus."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from kernel.errors import Conflict

NAMESPACE = UUID("3d9b7f10-5c2e-4a8d-b6f1-0e7a9c4d2b58")
RECEIVED, STARTED, STOPPED = "received", "started", "stopped"
ACCEPTED = ("accepted", "partly accepted")


def toewijzing_id(provider_id: str, nummer: int) -> UUID:
    return uuid5(NAMESPACE, f"toewijzing:{provider_id}:{nummer}")


class NotStarted(Conflict):
    """A stop or a declaration on care that has not started (409)."""


class IwmoToewijzing(Aggregate):
    @staticmethod
    def create_id(provider_id: str, nummer: int) -> UUID:
        return toewijzing_id(provider_id, nummer)

    @event("Received")
    def __init__(
        self, provider_id: str, nummer: int, agb_code: str, gemeentecode: str, client: dict[str, Any],
        product: dict[str, Any], received_on: date,
    ) -> None:  # fmt: skip
        self.provider_id, self.nummer, self.agb_code, self.gemeentecode = provider_id, nummer, agb_code, gemeentecode
        self.client, self.product, self.received_on = client, product, received_on
        self.status = RECEIVED
        self.start_date: date | None = None
        self.end_date: date | None = None
        self.declared_volume = 0
        self.sent: list[dict[str, Any]] = []

    def check_started(self) -> date:
        if self.start_date is None:
            raise NotStarted(f"toewijzing {self.nummer}: care has not started (no accepted 305)")
        return self.start_date

    @event("Reported")
    def reported(self, message: str, identificatie: str, outcome: str, reasons: list[str], on: date,
                 begindatum: date | None = None, einddatum: date | None = None, volume: int = 0) -> None:  # fmt: skip
        """A message sent to the gemeente and its verdict; an accepted start, stop or declaration counts."""
        self.sent.append({"message": message, "identificatie": identificatie, "outcome": outcome,
                          "reasons": reasons, "on": on.isoformat()})  # fmt: skip
        if outcome not in ACCEPTED:
            return
        if message == "WMO305":
            self.status, self.start_date = STARTED, begindatum
        elif message == "WMO307":
            self.status, self.end_date = STOPPED, einddatum
        elif message == "WMO323":
            self.declared_volume += volume

    def view(self) -> dict[str, Any]:
        return {
            "provider_id": self.provider_id, "toewijzing_nummer": self.nummer, "client_bsn": self.client["bsn"],
            "product": self.product,
            "status": self.status, "start_date": _iso(self.start_date), "end_date": _iso(self.end_date),
            "declared_volume": self.declared_volume, "sent": self.sent,
        }  # fmt: skip


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


START_EVENTS = (IwmoToewijzing.Received, IwmoToewijzing.Reported)  # type: ignore[attr-defined]
"""The events that make a toewijzing wait for its start (305) or end that wait."""
AWAITING_START = "awaiting start"


def start_state(event: Any) -> str | None:
    """After `event`: a toewijzing received awaits its 305; once a 305 was sent (whatever its verdict: a refused
    start is the provider's to send again by hand) it does not; other reports change nothing."""
    if isinstance(event, IwmoToewijzing.Received):  # type: ignore[attr-defined]
        return AWAITING_START
    return "305 sent" if event.message == "WMO305" else None
