"""A DecisionTaken on the bus reserves its amount on the team's line, or is refused with the reason."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
import pytest

from contracts.events.budget import FundsRefused, FundsReserved
from contracts.events.planning import DecisionTaken
from contracts.topics import facts
from kernel.clock import today
from services.budget.main import _funding
from tests.support.bus import publish, read_facts
from tests.support.stack import Stack, eventually
from wijk.settings import PlatformSettings

pytestmark = pytest.mark.integration
BEYOND = today().year + 3
"""A year budget allocates nothing for: configured years end in 2027, the rule carries them through next year."""
ALLOCATED = len(_funding(PlatformSettings()).through(today().year + 1).allocations)
"""BudgetAllocated facts published on start: every configured year, and by the rule through next year."""
WMO = 180_000_000
HOUSEHOLD = uuid.uuid4()  # one household: its facts share a partition, so they arrive in order


def decision(
    cents: int, line: str = "wmo", decision_id: uuid.UUID | None = None, start: date = date(2026, 4, 1)
) -> DecisionTaken:
    return DecisionTaken(
        household_id=HOUSEHOLD,
        plan_id=uuid.uuid4(),
        decision_id=decision_id or uuid.uuid4(),
        team_id="wijkteam-haven",
        provision_code="wmo-huishoudelijke-ondersteuning",
        budget_line=line,  # type: ignore[arg-type]
        amount_cents=cents,
        period_start=start,
        period_end=date(start.year, 12, 31),
        decided_by="j.de.vries",
        decided_on=date(2026, 3, 2),
    )


async def wmo_line(stack: Stack) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=stack.url("budget")) as client:
        return (await client.get("/budgets/wijkteam-haven/2026/wmo")).json()  # type: ignore[no-any-return]


async def test_decisions_are_reserved_once_and_refused_when_the_line_cannot_carry_them(stack: Stack) -> None:
    await stack.start(["budget"])
    bootstrap = stack.settings.kafka_bootstrap
    fits, too_much, no_line = decision(250_000), decision(WMO), decision(1_000, start=date(BEYOND, 1, 1))
    await publish(bootstrap, fits, too_much, no_line)
    await publish(bootstrap, fits, first_sequence=10)  # the same decision once more, as a new fact

    line = await eventually(lambda: wmo_line(stack), lambda b: b["reserved_cents"] > 0, timeout=60)
    outcomes = await read_facts(bootstrap, facts("budget"), ALLOCATED + 3)
    reserved = [f for f in outcomes if isinstance(f, FundsReserved)]
    refused = {f.decision_id: f.reason for f in outcomes if isinstance(f, FundsRefused)}

    assert (line["reserved_cents"], line["remaining_cents"], line["reservations"]) == (250_000, WMO - 250_000, 1)
    carried = set(FundsReserved.model_fields) - {"year"}  # what a reservation carries of the decision
    assert [r.model_dump(exclude={"year"}) for r in reserved] == [fits.model_dump(include=carried)]
    assert reserved[0].year == 2026 and reserved[0].subject == str(fits.household_id)
    assert refused == {
        too_much.decision_id: f"wijkteam-haven wmo 2026: remaining {WMO - 250_000} cents, needed {WMO}",
        no_line.decision_id: f"wijkteam-haven wmo {BEYOND}: no budget allocated",
    }
    assert len(outcomes) == ALLOCATED + 3
