"""The gateway's commands and queries: ProviderAssigned in, a 301 out; a provider's XML in, its retour out and the
accepted lines published as facts. Every message in both directions is archived in the same transaction as the
state it changes, so the mailbox, the client files and the outbox (the facts) never disagree."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import date, time
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Tracking

from contracts.events.backoffice import ProviderAssigned
from kernel.errors import Forbidden
from kernel.iwmo import codec
from services.iwmo.config import Parties
from services.iwmo.domain.archive import IN, OUT, ArchivedMessage
from services.iwmo.domain.client import PURPOSE, ClientErased, ClientRecords, ClientRecordsUnavailable
from services.iwmo.domain.client_file import (
    HELD,
    OUTGOING_EVENTS,
    Claim,
    ClientFile,
    claim_id,
    client_key,
    file_id,
    first_number,
    next_number,
    outgoing_after,
)
from services.iwmo.domain.codes import WMO_CATEGORIES
from services.iwmo.domain.toewijzing import Sender, compose_301
from services.iwmo.mailbox import MailboxIndex
from services.iwmo.receiving import Receiver
from services.iwmo.requests import Requests
from services.iwmo.xml.safe import Limits
from services.iwmo.xml.schemas import Schemas, SchemasMissing
from wijk.eventstore import ServiceApplication
from wijk.log_index import StateIndex
from wijk.settings import PlatformSettings


class UnknownMailbox(Forbidden):
    """The acting provider has no AGB code in this municipality's configuration: it has no mailbox here."""


def encode(document: bytes) -> str:
    return base64.b64encode(document).decode("ascii")


def new_identification() -> str:
    """A BerichtIdentificatie: twelve hex characters (LDT_IdentificatieBericht allows 12), random."""
    return secrets.token_hex(6)


class IwmoApplication(ServiceApplication):
    name = "iwmo"

    def __init__(
        self,
        parties: Parties,
        schemas: Schemas,
        records: ClientRecords,
        limits: Limits = Limits(),
        secret: bytes = b"",
        settings: PlatformSettings | None = None,
    ) -> None:
        self.parties, self.schemas, self.records, self.limits = parties, schemas, records, limits
        self.secret = secret
        super().__init__(settings)
        self.mailbox = MailboxIndex(self)
        self.outgoing = StateIndex(self, OUTGOING_EVENTS, key=outgoing_after)  # the files whose 301 waits, by state
        self.receiver = Receiver(self)
        self.requests = Requests(self)

    def digest(self, bsn: str) -> str:
        """A keyed digest of a BSN: recognises a client later without keeping the number."""
        return hmac.new(self.secret, f"iwmo-client:{bsn}".encode(), hashlib.sha256).hexdigest()

    def agb_of(self, provider_id: str) -> str:
        try:
            return self.parties.agb_by_provider[provider_id]
        except KeyError:
            raise UnknownMailbox(f"provider {provider_id!r} has no AGB code in this municipality") from None

    def on_provider_assigned(self, event: ProviderAssigned, tracking: Tracking, today: date, now: time) -> None:
        """A Wmo assignment becomes a toewijzing with its own number, and the client's 301 is sent (or held)."""
        if self.already_processed(tracking):
            return
        agb = self.parties.agb_by_provider.get(event.provider_id)
        key = f"assignment:{event.assignment_id}"
        if agb is None or event.product_category not in WMO_CATEGORIES or claim_id(key) in self.repository:
            self.record_processed(tracking)  # iJw, a provider outside iWmo, or a republished fact: no 301
            return
        file = self._file(event.household_id, event.provider_id, agb)
        nummer = self._free_number(event.assignment_id)
        file.assign(
            nummer, event.assignment_id, event.decision_id, event.product_category, event.product_code, event.volume,
            event.unit, event.frequency, event.period_start, event.period_end, today, now.strftime("%H:%M:%S"),
        )  # fmt: skip
        claims = [Claim(key), Claim(f"nummer:{nummer}", str(file.id))]
        self.record_processed(tracking, file, *claims, *self._send_301(file, today))

    def send_held(self, today: date) -> int:
        """Retry every 301 that waits (client data or schemas were unavailable); returns how many were sent. Only
        the files whose 301 waits are read, not every client file of the gateway."""
        sent = 0
        for identifier in self.outgoing.ids(HELD):
            file: ClientFile = self.repository.get(identifier)
            if file.outgoing == HELD:
                archived = self._send_301(file, today)
                self.save(file, *archived)
                sent += sum(isinstance(a, ArchivedMessage) for a in archived)
        return sent

    def _send_301(self, file: ClientFile, today: date) -> list[Aggregate]:
        """The 301 for the client's current toewijzingen, validated and archived; or the reason it waits."""
        try:
            record = self.records.client_of(file.household_id, PURPOSE)
            self.schemas.check_folder()
        except ClientErased:
            file.client_erased()
            return []
        except (ClientRecordsUnavailable, SchemasMissing) as exc:
            if file.hold_reason != str(exc):
                file.hold(str(exc))
            return []
        identificatie = new_identification()
        message = compose_301(file, record, Sender(self.parties.gemeentecode, identificatie, today))
        root = codec.to_xml(message)
        invalid = self.schemas.validate(root, "301")
        if invalid is not None:
            file.hold("the composed 301 fails its XSD: " + "; ".join(invalid.reasons))
            return []
        digest = self.digest(record.bsn)
        file.sent(identificatie, digest)
        archived = ArchivedMessage(
            file.agb_code, OUT, "301", identificatie, encode(codec.to_bytes(message)), "sent", []
        )
        known = client_key(file.agb_code, digest)  # the client recognised in a later 315 of this provider
        return [archived, *([] if claim_id(known) in self.repository else [Claim(known, str(file.id))])]

    def file_of_client(self, agb_code: str, bsn: str) -> ClientFile | None:
        """The client's file at this provider, found by the BSN's keyed digest (a 301 was sent for the client)."""
        identifier = claim_id(client_key(agb_code, self.digest(bsn)))
        if identifier not in self.repository:
            return None
        claim: Claim = self.repository.get(identifier)
        return self.repository.get(UUID(claim.ref))  # type: ignore[no-any-return]

    def _file(self, household_id: UUID, provider_id: str, agb: str) -> ClientFile:
        identifier = file_id(household_id, agb)
        if identifier in self.repository:
            return self.repository.get(identifier)  # type: ignore[no-any-return]
        return ClientFile(household_id, provider_id, agb)

    def _free_number(self, assignment_id: UUID) -> int:
        nummer = first_number(assignment_id)
        while claim_id(f"nummer:{nummer}") in self.repository:
            nummer = next_number(nummer)
        return nummer

    def lookup(self, nummer: int) -> ClientFile | None:
        """The client file holding ToewijzingNummer `nummer`, if this gemeente gave it."""
        identifier = claim_id(f"nummer:{nummer}")
        if identifier not in self.repository:
            return None
        claim: Claim = self.repository.get(identifier)
        return self.repository.get(UUID(claim.ref))  # type: ignore[no-any-return]

    def seen(self, key: str) -> bool:
        return claim_id(key) in self.repository

    def receive(self, provider_id: str, document: bytes, today: date) -> dict[str, Any]:
        """A provider's message, judged and answered; what the provider needs to know, as plain data."""
        return self.receiver.receive(self.agb_of(provider_id), document, today)

    def messages(self, provider_id: str, direction: str, after: int, limit: int) -> list[dict[str, Any]]:
        return [e.as_dict() for e in self.mailbox.since(self.agb_of(provider_id), direction, after, limit)]

    def document(self, provider_id: str, position: int) -> bytes:
        """The message at `position` in the provider's own mailbox, exactly as it went over the wire."""
        entry = self.mailbox.at(self.agb_of(provider_id), position)
        if entry is None:
            raise LookupError(f"no message at position {position} in this mailbox")
        return self.document_at(entry.message_id)

    def document_at(self, message_id: UUID) -> bytes:
        archived: ArchivedMessage = self.repository.get(message_id)
        return base64.b64decode(archived.document)


__all__ = ["IN", "OUT", "IwmoApplication", "UnknownMailbox"]
