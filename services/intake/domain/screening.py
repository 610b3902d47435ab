"""The short debt screening at intake: a few yes/no questions that find debts early.

Debts play a part in most cases; finding them early is the point (Wgs art. 2 and 3: the municipality's duty of
integral debt assistance; the 3-working-day term for a threatening situation is counted by debt assistance). Any
"yes", or a threatening situation, flags a debt concern and so an early referral to debt assistance.
"""

from __future__ import annotations

from dataclasses import dataclass

from kernel.errors import Refused

THREATS = ("eviction", "energy_disconnection", "water_disconnection", "health_insurance_termination")
"""Bedreigende situaties under the Wgs: eviction, disconnection of energy or water, termination of the health
insurance."""


@dataclass(frozen=True)
class DebtScreening:
    arrears_on_fixed_costs: bool
    """Behind on rent or mortgage, energy, water or health insurance premium."""
    collection_letters: bool
    """Letters from debt collectors (incassobureau) or a bailiff (deurwaarder)."""
    income_short: bool
    """Income does not cover the fixed costs each month."""
    borrowing_for_bills: bool
    """Borrowing (or buying on credit) to pay bills."""
    threat: str | None = None

    def __post_init__(self) -> None:
        if self.threat is not None and self.threat not in THREATS:
            raise Refused(f"threat must be one of {', '.join(THREATS)}")

    @property
    def concern(self) -> bool:
        answers = (self.arrears_on_fixed_costs, self.collection_letters, self.income_short, self.borrowing_for_bills)
        return any(answers) or self.threatening

    @property
    def threatening(self) -> bool:
        return self.threat is not None
