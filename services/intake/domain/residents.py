"""Who lives in a household and how to reach them: the personal data that never leaves intake.

These are plain values; intake seals them with the household's own key before anything is stored, so destroying
that key erases them everywhere at once (crypto-shredding, AVG art. 17).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kernel.errors import Refused
from services.intake.domain.bsn import InvalidBsn, check_bsn

ROLES = ("applicant", "partner", "child", "other")


class InvalidHousehold(Refused):
    """Household details that cannot be registered (no residents, the same BSN twice, an unknown role...)."""


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
        residents = []
        for number, resident in enumerate(self.residents, start=1):
            if resident.role not in ROLES:
                raise InvalidHousehold(f"resident {number}: role must be one of {', '.join(ROLES)}")
            if not resident.given_name.strip() or not resident.family_name.strip():
                raise InvalidHousehold(f"resident {number}: given and family name are required")
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
