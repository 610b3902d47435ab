"""A forged or jumping sequence no longer stalls a partition, and a forged source never reaches a handler (issue 18,
finding 3; issue 12): on the real broker, against budget's inbox on the shared stack.

Every fact of one household shares a partition and arrives in order, so the reservation of the last, real decision
proves that the held and the forged ones before it were handled (and not applied)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
import pytest

from contracts.events.budget import FundsReserved
from contracts.events.planning import DecisionTaken
from contracts.topics import dead_letter, facts
from tests.support.bus import Publisher, headers_of, read_facts, read_topic
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
FORGED_SEQUENCE = 10**12
STRANGER_OIN = "00000009999999999999"


def decision(household: uuid.UUID, cents: int = 1_000) -> DecisionTaken:
    return DecisionTaken(
        household_id=household, plan_id=uuid.uuid4(), decision_id=uuid.uuid4(), team_id="wijkteam-haven",
        provision_code="wmo-huishoudelijke-ondersteuning", budget_line="wmo", amount_cents=cents,
        period_start=date(2026, 4, 1), period_end=date(2026, 12, 31), decided_by="j.de.vries",
        decided_on=date(2026, 3, 2),
    )  # fmt: skip


async def reserved(stack: Stack, household: uuid.UUID, expected: int) -> set[uuid.UUID]:
    found = await read_facts(stack.bootstrap, facts("budget"), expected, polls=120, of=[household])
    return {f.decision_id for f in found if isinstance(f, FundsReserved)}


async def parked_rows(stack: Stack, event_ids: list[str]) -> list[Any]:
    assert stack["budget"].pool is not None
    return list(
        await stack["budget"].pool.fetch(
            "SELECT kind, reason, event_id, sequence FROM budget.parked_messages WHERE event_id = ANY($1::text[])"
            " ORDER BY id",
            event_ids,
        )
    )


async def held_count(stack: Stack) -> float:
    async with httpx.AsyncClient(base_url=stack.url("budget"), timeout=10) as client:
        text = (await client.get("/metrics")).text
    for line in text.splitlines():
        if line.startswith("wijk_dead_letters_total{") and 'group="budget"' in line and 'kind="held"' in line:
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError("no wijk_dead_letters_total for kind held")


async def test_a_jumping_sequence_is_held_and_the_next_real_fact_on_its_partition_is_applied(stack: Stack) -> None:
    household = uuid.uuid4()
    first, jumping, after = decision(household), decision(household), decision(household)
    async with Publisher(stack.bootstrap) as planning:
        await planning.publish(first)  # sequence 1
        forged = planning.envelope(DecisionTaken, jumping.subject, sequence=FORGED_SEQUENCE)
        await planning.send(jumping.topic, forged, jumping.model_dump_json().encode())
        await planning.publish(after)  # sequence 2: before the guard, dropped for good as a "duplicate"

    assert await reserved(stack, household, 2) == {first.decision_id, after.decision_id}
    [row] = await eventually(lambda: parked_rows(stack, [forged.id]), bool)
    assert (row["kind"], row["sequence"]) == ("held", FORGED_SEQUENCE)
    assert f"ce_sequence {FORGED_SEQUENCE} jumps more than" in row["reason"]
    letters = [r for r in await read_topic(stack.bootstrap, dead_letter("budget")) if r.key == jumping.subject.encode()]
    assert [headers_of(r)["x-dead-letter-kind"] for r in letters] == ["held"]
    assert await held_count(stack) >= 1
    assert len(await read_facts(stack.bootstrap, facts("budget"), 3, polls=4, of=[household])) == 2  # nothing else


async def test_a_fact_signed_by_another_source_on_plannings_topic_is_dead_lettered_not_applied(stack: Stack) -> None:
    household = uuid.uuid4()
    forged, real = decision(household), decision(household)
    async with Publisher(stack.bootstrap, oin=STRANGER_OIN) as stranger:
        envelope = await stranger.publish(forged)
    async with Publisher(stack.bootstrap) as planning:
        await planning.publish(real)

    assert await reserved(stack, household, 1) == {real.decision_id}
    [row] = await eventually(lambda: parked_rows(stack, [envelope.id]), bool)
    assert row["kind"] == "forged" and STRANGER_OIN in row["reason"]
    assert "is not the publisher of nl.wijkteam.planning.facts" in row["reason"]
    assert len(await read_facts(stack.bootstrap, facts("budget"), 2, polls=4, of=[household])) == 1


async def test_a_restored_publishers_new_epoch_is_applied_and_its_republished_history_is_not(stack: Stack) -> None:
    """A publisher restored from an older backup numbers its new facts from where the backup ended: 2 and 3 again.
    In a new epoch they are new facts; the history it republishes in the old epoch is recognised as applied."""
    household = uuid.uuid4()
    one, two, three, lost = (decision(household) for _ in range(4))
    async with Publisher(stack.bootstrap) as before:
        for fact in (one, two, three):
            await before.publish(fact)  # sequences 1, 2, 3 in the first epoch
    assert await reserved(stack, household, 3) == {one.decision_id, two.decision_id, three.decision_id}

    async with Publisher(stack.bootstrap) as restored:  # the store came back with only sequence 1
        restored.epoch = before.epoch
        await restored.send(one.topic, restored.envelope(DecisionTaken, one.subject, sequence=1),
                            one.model_dump_json().encode())  # fmt: skip
        restored.epoch = "r20261201t120000-abcdef"  # `wijk restore` began a new epoch from notification 2
        await restored.send(lost.topic, restored.envelope(DecisionTaken, lost.subject, sequence=2),
                            lost.model_dump_json().encode())  # fmt: skip

    assert await reserved(stack, household, 4) == {d.decision_id for d in (one, two, three, lost)}
    assert len(await read_facts(stack.bootstrap, facts("budget"), 5, polls=4, of=[household])) == 4  # one once
