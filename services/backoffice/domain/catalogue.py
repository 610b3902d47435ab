"""The municipality's provision catalogue as the backoffice needs it: who delivers what, in which unit, and on
which legal basis the college decides."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kernel.errors import NotFound
from services.backoffice.domain.codelists import EURO_UNIT

LEGAL_BASIS = {
    "wmo": "artikel 2.3.5 van de Wet maatschappelijke ondersteuning 2015",
    "youth": "artikel 2.3 van de Jeugdwet",
    "special_assistance": "artikel 35 van de Participatiewet (bijzondere bijstand)",
    "discretionary": "artikel 2.3.5 van de Wet maatschappelijke ondersteuning 2015 (maatwerkbudget uit Wmo-middelen)",
}
"""The legal basis of a beschikking per budget line. Wmo 2015 art. 2.3.5 (the college decides on a maatwerkvoorziening);
Jeugdwet art. 2.3 (individuele voorziening); Participatiewet art. 35 (bijzondere bijstand). The discretionary
budget is funded from Wmo means (Almere, DOMAIN.md source 000), so its basis here is the Wmo: inferred."""

PAID_TO_HOUSEHOLD = frozenset({"special_assistance", "discretionary"})
"""Lines whose provisions are paid to the household when the beschikking is sent, instead of assigned to a provider."""


class UnknownProvision(NotFound):
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
    product_category: str = ""


def assigned_volume(unit: str) -> int:
    """The volume assigned per frequency period (thin rule: 1 for a budget in euros, otherwise 2 units)."""
    return 1 if unit == EURO_UNIT else 2


def legal_basis(budget_line: str) -> str:
    try:
        return LEGAL_BASIS[budget_line]
    except KeyError:
        raise UnknownProvision(f"no legal basis known for budget line {budget_line!r}") from None


class Catalogue:
    def __init__(self, municipality: str, provisions: Iterable[ProvisionTerms]) -> None:
        self.municipality = municipality
        self._by_code = {p.code: p for p in provisions}

    def provision(self, code: str) -> ProvisionTerms:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownProvision(f"provision {code!r} is not in the {self.municipality} catalogue") from None
