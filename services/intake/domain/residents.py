"""Who lives in a household and how to reach them: the personal data that never leaves intake.

These are plain values; intake seals them with the household's own key before anything is stored, so destroying
that key erases them everywhere at once (crypto-shredding, AVG art. 17).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from kernel.errors import Conflict, Refused
from services.intake.domain.bsn import InvalidBsn, check_bsn
from services.intake.domain.plain_text import has_hidden_characters

ROLES = ("applicant", "partner", "child", "other")
EARLIEST_BIRTH = date(1900, 1, 1)


class InvalidHousehold(Refused):
    """Household details that cannot be registered (no residents, the same BSN twice, an unknown role...)."""


class AlreadyRegistered(Conflict):
    """One household per BSN: a resident of the new household is registered in another one already (409). The
    message names nothing the caller did not send."""


@dataclass(frozen=True)
class Resident:
    given_name: str
    family_name: str
    bsn: str
    role: str = "applicant"
    date_of_birth: str | None = None


@dataclass(frozen=True)
class Address:
    street: str
    house_number: str
    postcode: str
    city: str


@dataclass(frozen=True)
class Contact:
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class HouseholdDetails:
    address: Address
    residents: tuple[Resident, ...]
    contact: Contact = field(default_factory=Contact)

    def checked(self) -> HouseholdDetails:
        """The same details with every BSN checked and padded to nine digits; InvalidHousehold otherwise."""
        if not self.residents:
            raise InvalidHousehold("a household has at least one resident")
        _refuse_hidden_characters("the address", *asdict(self.address).values())
        _refuse_hidden_characters("the contact details", *asdict(self.contact).values())
        residents = []
        for number, resident in enumerate(self.residents, start=1):
            if resident.role not in ROLES:
                raise InvalidHousehold(f"resident {number}: role must be one of {', '.join(ROLES)}")
            if not resident.given_name.strip() or not resident.family_name.strip():
                raise InvalidHousehold(f"resident {number}: given and family name are required")
            _refuse_hidden_characters(f"resident {number}'s name", resident.given_name, resident.family_name)
            _check_birth(number, resident.date_of_birth)
            try:
                bsn = check_bsn(resident.bsn)
            except InvalidBsn as exc:
                raise InvalidBsn(f"resident {number}: {exc}") from None
            residents.append(Resident(**{**asdict(resident), "bsn": bsn}))
        if len({r.bsn for r in residents}) != len(residents):
            raise InvalidHousehold("the same BSN appears twice in one household")
        return HouseholdDetails(self.address, tuple(residents), self.contact)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HouseholdDetails:
        return cls(
            Address(**data["address"]),
            tuple(Resident(**r) for r in data["residents"]),
            Contact(**data.get("contact") or {}),
        )


def _refuse_hidden_characters(what: str, *values: str | None) -> None:
    if any(value and has_hidden_characters(value) for value in values):
        raise InvalidHousehold(f"{what} contains a control or bidirectional character (NUL, U+202E, ...)")


def _check_birth(number: int, date_of_birth: str | None) -> None:
    """A date of birth is a real date from 1900 on (that it is not in the future, the caller knows: it has today)."""
    if date_of_birth is None:
        return
    try:
        born = date.fromisoformat(date_of_birth)
    except ValueError:
        raise InvalidHousehold(f"resident {number}: date of birth is not a date (YYYY-MM-DD)") from None
    if born < EARLIEST_BIRTH:
        raise InvalidHousehold(f"resident {number}: a date of birth lies on or after {EARLIEST_BIRTH}")
