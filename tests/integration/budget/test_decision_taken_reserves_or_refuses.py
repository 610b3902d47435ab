"""A DecisionTaken on the bus reserves its amount on the team's line, or is refused with the reason."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from contracts.events.budget import FundsRefused, FundsReserved
from contracts.events.planning import DecisionTaken
from contracts.topics import facts
from tests.support.budgets import NO_BUDGET_YEAR
from tests.support.bus import publish, read_facts
from tests.support.stack import Stack

pytestmark = pytest.mark.integration
WMO = 180_000_000


def decision(household: uuid.UUID, cents: int, start: date = date(2026, 4, 1)) -> DecisionTaken:
    return DecisionTaken(
        household_id=household,
        plan_id=uuid.uuid4(),
        decision_id=uuid.uuid4(),
        team_id="wijkteam-haven",
        provision_code="wmo-huishoudelijke-ondersteuning",
        budget_line="wmo",
        amount_cents=cents,
        period_start=start,
        period_end=date(start.year, 12, 31),
        decided_by="j.de.vries",
        decided_on=date(2026, 3, 2),
    )


async def test_decisions_are_reserved_once_and_refused_when_the_line_cannot_carry_them(stack: Stack) -> None:
    household = uuid.uuid4()  # one household: its facts share a partition, so they arrive in order
    fits, too_much = decision(household, 250_000), decision(household, WMO)
    no_line = decision(household, 1_000, start=date(NO_BUDGET_YEAR, 1, 1))
    await publish(stack.bootstrap, fits, too_much, no_line)
    await publish(stack.bootstrap, fits, first_sequence=10)  # the same decision once more, as a new fact

    outcomes = await read_facts(stack.bootstrap, facts("budget"), 3, polls=120, of=[household])
    reserved = [f for f in outcomes if isinstance(f, FundsReserved)]
    refused = {f.decision_id: f.reason for f in outcomes if isinstance(f, FundsRefused)}
    carried = set(FundsReserved.model_fields) - {"year"}  # what a reservation carries of the decision
    assert [r.model_dump(exclude={"year"}) for r in reserved] == [fits.model_dump(include=carried)]
    assert reserved[0].year == 2026 and reserved[0].subject == str(fits.household_id)
    assert set(refused) == {too_much.decision_id, no_line.decision_id}
    assert refused[too_much.decision_id].startswith("wijkteam-haven wmo 2026: remaining ")
    assert refused[too_much.decision_id].endswith(f" cents, needed {WMO}")  # the line holds less than all of it
    assert refused[no_line.decision_id] == f"wijkteam-haven wmo {NO_BUDGET_YEAR}: no budget allocated"
    assert len(await read_facts(stack.bootstrap, facts("budget"), 4, polls=4, of=[household])) == 3  # once each
