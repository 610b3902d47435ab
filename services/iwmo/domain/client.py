"""The client's personal data a 301 needs, and the port it comes through (`ClientRecords`).

Only intake holds it. The gateway asks for one household's client at the moment it composes a 301, for that one
purpose ("iWmo toewijzing"), and keeps none of it outside the message itself. The HTTP implementation (an
authenticated, purpose-bound call that intake logs) is `services/iwmo/intake_client.py`; `from_intake` maps
intake's answer onto a record here. Unit tests use `InMemoryClientRecords`, and a gateway without a source holds
its 301s (`NoClientRecords`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol
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
    birth_date_usage: str | None = None
    """LDT_DatumGebruik (COD170): empty when the whole date is known; 3 when it is not (then 1900-01-01)."""
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


UNKNOWN_BIRTH = date(1900, 1, 1)
_HOUSE = re.compile(r"^\s*(\d{1,5})\s*([A-Za-z])?\s*[-/ ]?\s*([A-Za-z0-9]{1,4})?\s*$")


def from_intake(data: dict[str, Any]) -> ClientRecord:
    """Intake's client (`GET /households/{id}/iwmo-client`) as the 301 carries it (iWmo CDT_Adres, CDT_Geboortedatum):
    the house number split into number, letter and addition; the postcode without its space; an unknown date of
    birth as 1900-01-01 with DatumGebruik 3 (COD170: dag, maand en jaar onbekend)."""
    address = data.get("address") or {}
    contact = data.get("contact") or {}
    match = _HOUSE.match(str(address.get("house_number") or ""))
    if match is None:
        # the 301 waits with this reason, visible to the operator, until intake's data is corrected
        raise ClientRecordsUnavailable(f"house number {address.get('house_number')!r} does not fit iWmo's Huisnummer")
    number, letter, addition = match.groups()
    born = data.get("date_of_birth")
    return ClientRecord(
        bsn=str(data["bsn"]),
        family_name=str(data["family_name"]),
        given_names=data.get("given_name") or None,
        birth_date=date.fromisoformat(born) if born else UNKNOWN_BIRTH,
        birth_date_usage=None if born else "3",
        street=address.get("street") or None,
        house_number=int(number),
        house_letter=letter.upper() if letter else None,
        house_number_addition=addition or None,
        postcode=str(address.get("postcode") or "").replace(" ", "").upper() or None,
        city=address.get("city") or None,
        phone=contact.get("phone") or None,
        email=contact.get("email") or None,
    )
