"""The municipality's provision catalogue as the backoffice needs it: who delivers what, in which unit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

EURO_UNIT = "83"
"""iWmo/iJw code list WJ756 (Eenheid): 83 = Euro's. (04 = Uur, 14 = Etmaal.)"""


class UnknownProvision(LookupError):
    """The decision names a provision that is not in this municipality's catalogue."""


@dataclass(frozen=True)
class ProvisionTerms:
    """One catalogue entry: the voorziening and how the provider is assigned to deliver it (iWmo 301)."""

    code: str
    name: str
    provider_id: str
    product_code: str
    unit: str
    frequency: str


def assigned_volume(unit: str) -> int:
    """The volume assigned per frequency period (thin rule: 1 for a budget in euros, otherwise 2 units)."""
    return 1 if unit == EURO_UNIT else 2


class Catalogue:
    def __init__(self, municipality: str, provisions: Iterable[ProvisionTerms]) -> None:
        self.municipality = municipality
        self._by_code = {p.code: p for p in provisions}

    def provision(self, code: str) -> ProvisionTerms:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownProvision(f"provision {code!r} is not in the {self.municipality} catalogue") from None
