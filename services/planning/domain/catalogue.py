"""The provision catalogue (voorzieningen): what a team may arrange, with the rules each provision carries.

A rule is one limit from the municipality's policy rules (beleidsregels): an age limit, an amount cap or a
maximum duration. Departing from a rule is allowed, but only as a justified deviation (afwijking), see
`deviation.py`. Informal and preventive options (volunteers, mantelzorgondersteuning) cost nothing from a
budget and have no budget line, yet they are recorded and counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kernel.errors import Refused

PAID_KINDS = ("wmo", "youth", "special_assistance", "discretionary")
INFORMAL = "informal"
LIMITS = ("min_age", "max_age", "max_amount_cents", "max_duration_days")
LIFE_DOMAINS = ("income", "debts", "housing", "care", "youth", "work", "social_network", "health")


class UnknownProvision(Refused):
    """The provision code is not in the municipality's catalogue."""


class ClientAgeRequired(Refused):
    """The provision has an age limit, so the decision must state the client's age."""


@dataclass(frozen=True)
class Rule:
    """One limit of a provision, with its reference in the policy rules (e.g. `ALM-BB-AGE`)."""

    ref: str
    limit: str
    value: int
    source: str = ""

    def actual(self, amount_cents: int, duration_days: int, client_age: int | None) -> int | None:
        if self.limit == "max_amount_cents":
            return amount_cents
        if self.limit == "max_duration_days":
            return duration_days
        return client_age

    def breached_by(self, actual: int) -> bool:
        if self.limit.startswith("min_"):
            return actual < self.value
        return actual > self.value


@dataclass(frozen=True)
class Breach:
    """A decision departs from a rule: the rule and the decision's own value."""

    rule: Rule
    actual: int

    def describe(self) -> str:
        return f"{self.rule.ref} ({self.rule.limit} {self.rule.value}, this decision {self.actual})"


@dataclass(frozen=True)
class Provision:
    code: str
    name: str
    kind: str
    budget_line: str | None
    life_domain: str | None
    """The life domain it serves by default; None: any domain, the decision names it (maatwerk)."""
    rules: tuple[Rule, ...] = ()

    @property
    def paid(self) -> bool:
        return self.kind != INFORMAL

    def breaches(self, amount_cents: int, start: date, end: date, client_age: int | None) -> list[Breach]:
        """Every rule this decision departs from; an age rule needs the client's age to be judged."""
        duration_days = (end - start).days + 1
        found = []
        for rule in self.rules:
            actual = rule.actual(amount_cents, duration_days, client_age)
            if actual is None:
                raise ClientAgeRequired(
                    f"{self.code} has age rule {rule.ref} ({rule.limit} {rule.value}): state client_age"
                )
            if rule.breached_by(actual):
                found.append(Breach(rule, actual))
        return found


class Catalogue:
    def __init__(self, municipality: str, provisions: Iterable[Provision]) -> None:
        self.municipality = municipality
        self.provisions = {p.code: p for p in provisions}

    def provision(self, code: str) -> Provision:
        try:
            return self.provisions[code]
        except KeyError:
            known = ", ".join(sorted(self.provisions))
            raise UnknownProvision(f"provision {code!r} is not in the catalogue; known: {known}") from None
