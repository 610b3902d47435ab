"""A provider's refusal (AssignmentRefused) releases the decision's reservation, whether budget learned the
assignment (ProviderAssigned) before it or only after: a refusal that comes first waits for the assignment.

On the shared stack the real backoffice and care also act on the reservations; the test follows its own
decisions' facts. The line's arithmetic for the same story is tests/application/test_budget.py's."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from contracts.events.backoffice import ProviderAssigned
from contracts.events.budget import FundsReleased, FundsReserved
from contracts.events.care import AssignmentRefused
from contracts.events.planning import DecisionTaken
from contracts.topics import facts
from services.budget.domain.commitment import pending_release_id
from tests.support.bus import Publisher, facts_now, read_facts
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
REFUSED_ON = date(2026, 4, 10)


def decision(household: uuid.UUID, cents: int) -> DecisionTaken:
    return DecisionTaken(
        household_id=household,
        plan_id=uuid.uuid4(),
        decision_id=uuid.uuid4(),
        team_id="wijkteam-haven",
        provision_code="wmo-huishoudelijke-ondersteuning",
        budget_line="wmo",
        amount_cents=cents,
        period_start=date(2026, 4, 1),
        period_end=date(2026, 12, 31),
        decided_by="j.de.vries",
        decided_on=date(2026, 3, 2),
    )


def assigned(taken: DecisionTaken, assignment_id: uuid.UUID) -> ProviderAssigned:
    return ProviderAssigned(
        household_id=taken.household_id,
        assignment_id=assignment_id,
        decision_id=taken.decision_id,
        provider_id="zorgaanbieder-thuis",
        product_code="02A01",
        volume=4,
        unit="04",
        frequency="2",
        period_start=taken.period_start,
        period_end=taken.period_end,
    )


def refused(household: uuid.UUID, assignment_id: uuid.UUID) -> AssignmentRefused:
    return AssignmentRefused(
        household_id=household,
        assignment_id=assignment_id,
        provider_id="zorgaanbieder-thuis",
        reason="no_capacity",
        refused_on=REFUSED_ON,
    )


async def test_a_refused_assignment_gives_the_reservation_back_in_either_order(stack: Stack) -> None:
    app = stack["budget"].app
    assert app is not None
    household = uuid.uuid4()  # one household: its facts share a partition, so they arrive in order
    in_order, refused_first = decision(household, 250_000), decision(household, 120_000)
    first_assignment, second_assignment = uuid.uuid4(), uuid.uuid4()

    async def released() -> dict[uuid.UUID, tuple[int, date]]:
        found = await facts_now(stack.bootstrap, facts("budget"), of=[household])
        return {f.decision_id: (f.amount_cents, f.released_on) for f in found if isinstance(f, FundsReleased)}

    async def parked() -> bool:
        return pending_release_id(second_assignment) in app.repository

    async with Publisher(stack.bootstrap) as publisher:
        await publisher.publish(in_order)
        await publisher.publish(refused_first)
        await read_facts(stack.bootstrap, facts("budget"), 2, polls=120, of=[household])  # both reserved

        await publisher.publish(assigned(in_order, first_assignment))
        await publisher.publish(refused(household, first_assignment))
        await eventually(released, lambda r: in_order.decision_id in r, timeout=60)

        await publisher.publish(refused(household, second_assignment))  # budget does not know this assignment yet
        await eventually(parked, bool, timeout=60)
        assert refused_first.decision_id not in await released()
        await publisher.publish(assigned(refused_first, second_assignment))
        outcome = await eventually(released, lambda r: refused_first.decision_id in r, timeout=60)

    assert outcome == {in_order.decision_id: (250_000, REFUSED_ON), refused_first.decision_id: (120_000, REFUSED_ON)}
    ours = await read_facts(stack.bootstrap, facts("budget"), 4, of=[household])
    assert len([f for f in ours if isinstance(f, FundsReserved)]) == 2 and len(ours) == 4  # released once each
