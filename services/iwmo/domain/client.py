"""The client's personal data a 301 needs, and the port it comes through (`ClientRecords`).

Only intake holds it. The gateway asks for one household's client at the moment it composes a 301, for that one
purpose ("iWmo toewijzing"), and keeps none of it outside the message itself. The HTTP implementation (an
authenticated, purpose-bound call that intake logs) is wired in the next wave; tests and the simulator use
`InMemoryClientRecords`, and a gateway without a source holds its 301s (`NoClientRecords`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol
from uuid import UUID

from kernel.errors import NotFound

PURPOSE = "iWmo toewijzing"


class ClientErased(NotFound):
    """The household was erased (AVG art. 17): no message is sent for it."""


class ClientRecordsUnavailable(RuntimeError):
    """The client's data cannot be had now (intake unreachable, not wired): the 301 waits and is retried."""


@dataclass(frozen=True)
class ClientRecord:
    bsn: str
    family_name: str
    birth_date: date
    gender: str = "0"
    """LDT_Geslacht: 0 onbekend, 1 mannelijk, 2 vrouwelijk."""
    given_names: str | None = None
    prefix: str | None = None
    street: str | None = None
    house_number: int | None = None
    house_letter: str | None = None
    house_number_addition: str | None = None
    postcode: str | None = None
    city: str | None = None
    phone: str | None = None
    email: str | None = None


class ClientRecords(Protocol):
    def client_of(self, household_id: UUID, purpose: str) -> ClientRecord:
        """The household's client for `purpose`; ClientErased or ClientRecordsUnavailable otherwise."""
        ...


class InMemoryClientRecords:
    def __init__(self, records: dict[UUID, ClientRecord] | None = None) -> None:
        self.records = dict(records or {})
        self.erased: set[UUID] = set()
        self.asked: list[tuple[UUID, str]] = []

    def client_of(self, household_id: UUID, purpose: str) -> ClientRecord:
        self.asked.append((household_id, purpose))
        if household_id in self.erased:
            raise ClientErased(f"household {household_id} was erased")
        try:
            return self.records[household_id]
        except KeyError:
            raise ClientRecordsUnavailable(f"no client known for household {household_id}") from None


class NoClientRecords:
    """No source configured: every 301 is held until one is (the authenticated call to intake, next wave)."""

    def client_of(self, household_id: UUID, purpose: str) -> ClientRecord:
        raise ClientRecordsUnavailable("no source of client data is configured: the 301 is held")
