"""Each provider's policy, from configuration: accept on receipt or by hand, start care on acceptance or report
it, and the agreed tariffs. Pure: the service loads the policies, this module decides what they mean."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from services.care.domain.assignment import Assignment


@dataclass(frozen=True)
class Policy:
    manual_acceptance: bool = False
    start_on_acceptance: bool = True
    tariffs: Mapping[tuple[str, str], int] = field(default_factory=dict)
    """Cents per unit, by (product code, iWmo unit code)."""
    speaks_iwmo: bool = False
    """Exchanges iWmo XML through the gemeente's mailbox instead of the bus (providers.json `"exchange": "iwmo"`)."""

    def tariff(self, product_code: str, unit: str) -> int | None:
        return self.tariffs.get((product_code, unit))


def auto_start_date(period_start: date, period_end: date, today: date) -> date | None:
    """Care starts on the first day of the period, or today when that is later.

    None when the period has already ended: the assignment can no longer be started.
    """
    start = max(period_start, today)
    return start if start <= period_end else None


def respond(assignment: Assignment, policies: Mapping[str, Policy], today: date) -> None:
    """What happens the moment an assignment arrives: rejected when its provider is not served here (a provider
    only acts on its own assignments); left for the provider to answer when it accepts by hand; else accepted."""
    policy = policies.get(assignment.provider_id)
    if policy is None:
        assignment.reject(f"provider {assignment.provider_id!r} is not served by this system")
        return
    if not policy.manual_acceptance:
        accept(assignment, policy, today)


def accept(assignment: Assignment, policy: Policy, today: date) -> None:
    """Accept, and start care at once when the provider's policy says so (and the period has not ended)."""
    assignment.accept()
    if policy.start_on_acceptance:
        start = auto_start_date(assignment.period_start, assignment.period_end, today)
        if start is not None:
            assignment.start(start)
