"""Claims for the budget unit tests, and budget's handlers on the in-memory store."""

from __future__ import annotations

import uuid
from datetime import date
from itertools import count

from eventsourcing.persistence import Tracking

from contracts.events.budget import FundsReleased
from services.budget.domain.budget_line import BudgetLine, budget_line_id
from services.budget.domain.claim import Claim
from services.budget.releases import ReleasingApplication
from services.budget.translator import translate
from wijk.settings import PlatformSettings

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


class InMemoryBudget(ReleasingApplication):
    """Budget's release handlers on eventsourcing's in-memory store (the `popo` persistence): no PostgreSQL."""

    def __init__(self) -> None:
        super().__init__(PlatformSettings(persistence="popo"))
        self.positions = count(1)

    def tracking(self) -> Tracking:
        return Tracking("test", next(self.positions))

    def wmo(self) -> BudgetLine:
        return self.repository.get(budget_line_id(TEAM, 2026, "wmo"))  # type: ignore[no-any-return]

    def released(self) -> list[FundsReleased]:
        stored = self.recorder.select_notifications(1, 1000)
        facts = [translate(self.mapper.to_domain_event(n)) for n in stored]
        return [f for f in facts if isinstance(f, FundsReleased)]
