"""Valid upstream facts for the backoffice, as budget would publish them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import uuid4

from contracts.events.budget import FundsReserved
from kernel.clock import today


def funds_reserved(**overrides: Any) -> FundsReserved:
    decided_on = today()
    fields: dict[str, Any] = {
        "household_id": uuid4(),
        "decision_id": uuid4(),
        "plan_id": uuid4(),
        "team_id": "wijkteam-haven",
        "year": decided_on.year,
        "budget_line": "wmo",
        "amount_cents": 123456,
        "provision_code": "wmo-huishoudelijke-ondersteuning",
        "period_start": decided_on + timedelta(days=14),
        "period_end": decided_on + timedelta(days=196),
        "decided_by": "J. de Vries, wijkcoach",
        "decided_on": decided_on,
    }
    return FundsReserved(**{**fields, **overrides})
