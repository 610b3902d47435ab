"""Every message in both directions, kept as it was sent or received (append-only): one aggregate per message,
created once and never changed. Its position in the mailbox is the notification id of its one event."""

from __future__ import annotations

from eventsourcing.domain import Aggregate, event

IN, OUT = "in", "out"
SENT, ACCEPTED, PARTLY, REJECTED, UNREADABLE = "sent", "accepted", "partly accepted", "rejected", "unreadable"


class ArchivedMessage(Aggregate):
    @event("Archived")
    def __init__(
        self,
        agb_code: str,
        direction: str,
        code: str,
        identificatie: str,
        document: str,
        outcome: str,
        reasons: list[str],
    ) -> None:
        """`document` is the message's bytes, base64-encoded: kept exactly as they went over the wire."""
        self.agb_code, self.direction, self.code, self.identificatie = agb_code, direction, code, identificatie
        self.document, self.outcome, self.reasons = document, outcome, reasons
