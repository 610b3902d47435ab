"""A provider's refusal (AssignmentRefused) releases the decision's reservation, whether budget learned the
assignment (ProviderAssigned) before it or only after: a refusal that comes first waits for the assignment."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
import pytest

from contracts.events.backoffice import ProviderAssigned
from contracts.events.budget import FundsReleased, FundsReserved
from contracts.events.care import AssignmentRefused
from contracts.events.planning import DecisionTaken
from contracts.topics import facts
from services.budget.domain.commitment import pending_release_id
from tests.support.bus import Publisher, read_facts
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
ALLOCATED = 16  # BudgetAllocated facts budget publishes on start
HOUSEHOLD = uuid.uuid4()
REFUSED_ON = date(2026, 4, 10)


def decision(cents: int) -> DecisionTaken:
    return DecisionTaken(
        household_id=HOUSEHOLD,
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
        household_id=HOUSEHOLD,
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


def refused(assignment_id: uuid.UUID) -> AssignmentRefused:
    return AssignmentRefused(
        household_id=HOUSEHOLD,
        assignment_id=assignment_id,
        provider_id="zorgaanbieder-thuis",
        reason="no_capacity",
        refused_on=REFUSED_ON,
    )


async def test_a_refused_assignment_gives_the_reservation_back_in_either_order(stack: Stack) -> None:
    await stack.start(["budget"])
    bootstrap = stack.settings.kafka_bootstrap
    app = stack["budget"].app
    assert app is not None
    in_order, refused_first = decision(250_000), decision(120_000)
    first_assignment, second_assignment = uuid.uuid4(), uuid.uuid4()
    async with (
        Publisher(bootstrap) as publisher,
        httpx.AsyncClient(base_url=stack.url("budget")) as budget,
    ):

        async def wmo() -> dict[str, Any]:
            return (await budget.get("/budgets/wijkteam-haven/2026/wmo")).json()  # type: ignore[no-any-return]

        async def parked() -> bool:
            return pending_release_id(second_assignment) in app.repository

        await publisher.publish(in_order)
        await publisher.publish(refused_first)
        await eventually(wmo, lambda line: line["reserved_cents"] == 370_000, timeout=60)

        await publisher.publish(assigned(in_order, first_assignment))
        await publisher.publish(refused(first_assignment))
        line = await eventually(wmo, lambda line: line["released_cents"] == 250_000, timeout=60)
        assert line["reserved_cents"] == 120_000

        await publisher.publish(refused(second_assignment))  # budget does not know this assignment yet
        await eventually(parked, bool, timeout=60)
        assert (await wmo())["reserved_cents"] == 120_000
        await publisher.publish(assigned(refused_first, second_assignment))
        line = await eventually(wmo, lambda line: line["reserved_cents"] == 0, timeout=60)

    assert (line["released_cents"], line["remaining_cents"]) == (370_000, line["allocated_cents"])
    outcomes = await read_facts(bootstrap, facts("budget"), ALLOCATED + 4)
    assert len([f for f in outcomes if isinstance(f, FundsReserved)]) == 2
    released = {f.decision_id: (f.amount_cents, f.released_on) for f in outcomes if isinstance(f, FundsReleased)}
    assert released == {in_order.decision_id: (250_000, REFUSED_ON), refused_first.decision_id: (120_000, REFUSED_ON)}
