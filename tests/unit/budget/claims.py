"""Claims for the budget unit tests."""

from __future__ import annotations

import uuid
from datetime import date

from services.budget.domain.budget_line import BudgetLine
from services.budget.domain.claim import Claim

TEAM = "wijkteam-haven"


def line(amount_cents: int = 10_000, budget_line: str = "wmo") -> BudgetLine:
    return BudgetLine(TEAM, 2026, budget_line, amount_cents)


def claim(amount_cents: int, budget_line: str = "wmo", start: date = date(2026, 4, 1)) -> Claim:
    return Claim(
        household_id=uuid.uuid4(),
        decision_id=uuid.uuid4(),
        plan_id=uuid.uuid4(),
        team_id=TEAM,
        budget_line=budget_line,
        amount_cents=amount_cents,
        provision_code="wmo-huishoudelijke-ondersteuning",
        period_start=start,
        period_end=date(2026, 12, 31),
        decided_by="j.de.vries",
        decided_on=date(2026, 3, 2),
    )
