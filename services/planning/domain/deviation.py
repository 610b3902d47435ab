"""Deviations (afwijkingen): a decision may depart from a catalogue rule ("doen wat nodig is"), but only with
a reference to each rule it departs from and a written justification, and only under a deviation mandate.
Each departed rule becomes its own fact, DeviationRecorded, so the council sees every deviation and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from kernel.errors import Refused
from services.planning.domain.catalogue import Breach

MIN_JUSTIFICATION = 20
"""A written justification is at least a sentence, not a tick box."""


class DeviationRequired(Refused):
    """The decision departs from a catalogue rule without naming it and justifying the departure."""


class InvalidDeviation(Refused):
    """The deviation names a rule the decision does not depart from, or lacks a written justification."""


@dataclass(frozen=True)
class DeviationRequest:
    rule_refs: tuple[str, ...]
    justification: str


@dataclass(frozen=True)
class Deviation:
    """A recorded afwijking: one rule one decision departs from, its justification, and who decided it."""

    deviation_id: UUID
    decision_id: UUID
    provision_code: str
    rule_ref: str
    limit: str
    value: int
    actual: int
    justification: str
    decided_by: str
    proposed_by: str
    recorded_on: date


def check_deviation(breaches: list[Breach], request: DeviationRequest | None) -> None:
    """Every breached rule is named and justified; nothing else is named."""
    breached = {b.rule.ref for b in breaches}
    if request is None:
        if breaches:
            described = "; ".join(b.describe() for b in breaches)
            raise DeviationRequired(
                f"the decision departs from {described}: name each rule in deviation.rule_refs and justify it"
            )
        return
    named = set(request.rule_refs)
    if not named:
        raise InvalidDeviation("a deviation names at least one rule in rule_refs")
    if missing := breached - named:
        raise DeviationRequired(f"the decision also departs from {', '.join(sorted(missing))}: name it too")
    if extra := named - breached:
        raise InvalidDeviation(
            f"the decision does not depart from {', '.join(sorted(extra))}; name only rules it breaks"
        )
    if len(request.justification.strip()) < MIN_JUSTIFICATION:
        raise InvalidDeviation(f"a deviation needs a written justification of at least {MIN_JUSTIFICATION} characters")
