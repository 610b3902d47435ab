"""What budget allocates on start, derived from the configuration the way budget derives it: every configured year
(2026, 2027) and, by the carry-forward rule, each later year through next year, so the tests hold in any year."""

from __future__ import annotations

from kernel.clock import today
from kernel.municipality import municipality_of
from services.budget.funding import funding_path, load_funding

NO_BUDGET_YEAR = today().year + 5
"""A year budget allocates nothing for: beyond the configured years and beyond next year."""


def allocated_budgets(municipality_config: str = "") -> tuple[int, int]:
    """The numbers of budget lines and of reserves budget allocates on start."""
    funding = load_funding(funding_path(municipality_config), municipality_of(municipality_config))
    extended = funding.through(today().year + 1)
    return len(extended.allocations), len(extended.reserves)
