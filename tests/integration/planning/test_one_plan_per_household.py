"""CaseOpened on the bus drafts one plan per household; a further case joins it; a redelivery changes nothing."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from contracts.events.intake import CaseOpened
from contracts.events.planning import PlanDrafted
from contracts.topics import facts
from tests.support.bus import Publisher, facts_now
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration


def case_opened(household: uuid.UUID) -> CaseOpened:
    return CaseOpened(
        household_id=household,
        case_id=uuid.uuid4(),
        request_id=uuid.uuid4(),
        district="Almere Haven",
        team_id="wijkteam-haven",
        opened_on=date(2026, 3, 2),
    )


async def test_a_second_case_joins_the_households_one_plan(stack: Stack) -> None:
    household = uuid.uuid4()
    first, second, third = case_opened(household), case_opened(household), case_opened(household)
    async with Publisher(stack.bootstrap) as publisher:
        envelope = await publisher.publish(first)
        await publisher.publish(second)
        await publisher.send(first.topic, envelope, first.model_dump_json().encode())  # redelivered: same position
        await publisher.publish(third)  # the same key, so handled after the redelivery

    async with stack.client("planning") as client:

        async def plans() -> list[dict[str, Any]]:
            return (await client.get("/plans", params={"household_id": str(household)})).json()  # type: ignore[no-any-return]

        [plan] = await eventually(plans, lambda found: bool(found) and len(found[0]["case_ids"]) == 3, timeout=60)
    assert plan["case_id"] == str(first.case_id)
    assert plan["case_ids"] == [str(first.case_id), str(second.case_id), str(third.case_id)]
    drafted = [f for f in await facts_now(stack.bootstrap, facts("planning"), of=[household])]
    assert [(f.plan_id, f.coordinator) for f in drafted if isinstance(f, PlanDrafted)] == [
        (uuid.UUID(plan["plan_id"]), "team:wijkteam-haven")
    ]
    assert len(drafted) == 1
