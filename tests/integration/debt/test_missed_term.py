"""A first conversation not held in time becomes a DebtTermMissed fact, once; "today" is driven explicitly through
the operators' check endpoint. Arrears signals (intake's HelpOffered) open trajectories too.

A check looks at every trajectory debt assistance holds; on the shared stack the test asserts about its own."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any
from uuid import uuid4

import httpx
import pytest

from contracts.events.debt import DebtReferralReceived, DebtTermMissed
from contracts.events.intake import DebtConcernFlagged, HelpOffered
from contracts.topics import facts
from kernel.clock import today
from tests.support.bus import Publisher, read_facts, read_topic
from tests.support.stack import Stack, eventually

pytestmark = pytest.mark.integration
FRIDAY = date(2026, 3, 6)


async def tracked(stack: Stack, source: str) -> int:
    """The last position debt assistance recorded as processed from `source` on intake's topic."""
    app = stack["debt"].app
    assert app is not None
    positions = [
        await asyncio.to_thread(app.process_recorder.max_tracking_id, f"{source}|{facts('intake')}|{partition}")
        for partition in range(stack.settings.topic_partitions)
    ]
    return max(p or 0 for p in positions)


async def test_an_overdue_first_conversation_is_recorded_once_as_a_missed_term(stack: Stack) -> None:
    household = uuid4()  # the shared stack checks terms only when asked: the test decides when
    urgent = DebtConcernFlagged(
        household_id=household, case_id=uuid4(), team_id="wijkteam-haven", flagged_on=FRIDAY, threatening=True
    )
    arrears = HelpOffered(
        household_id=household,
        case_id=uuid4(),
        signal_id=uuid4(),
        team_id="wijkteam-haven",
        partner_id="woningcorporatie-almere",
        arrears_cents=84_000,
        offered_on=FRIDAY,
    )
    same_case = DebtConcernFlagged(
        household_id=household, case_id=arrears.case_id, team_id="wijkteam-haven", flagged_on=FRIDAY
    )
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        await publisher.publish(urgent)
        await publisher.publish(arrears)
        await publisher.publish(same_case)  # intake flags the arrears case too: still one trajectory per case
    async with stack.client("debt") as client, stack.client("debt", org="wijk-operator") as operator:

        async def listed() -> list[dict[str, Any]]:
            return (await client.get("/trajectories", params={"household_id": str(household)})).json()

        trajectories = await eventually(listed, lambda t: len(t) == 2, timeout=60)
        await eventually(lambda: tracked(stack, publisher.upstream(HelpOffered)), lambda n: n >= 3)
        assert len(await listed()) == 2  # the third fact named the arrears case again: still two
        by_source = {t["source"]: t for t in trajectories}
        assert by_source["intake"]["first_conversation_due"] == "2026-03-11"  # 3 working days
        assert by_source["arrears"]["first_conversation_due"] == "2026-04-03"  # 4 weeks: not per se threatening

        async def check(day: str) -> httpx.Response:
            return await operator.post("/terms/check", params={"today": day})

        on_the_due_date = await check("2026-03-11")
        day_after = await check("2026-03-12")
        again = await check("2026-03-20")
        arrears_late = await check("2026-04-04")
        future = await check((today() + timedelta(days=1)).isoformat())
        malformed = await check("tomorrow")
        state = (await client.get(f"/trajectories/{by_source['intake']['trajectory_id']}")).json()
    intake, arrears_id = by_source["intake"]["trajectory_id"], by_source["arrears"]["trajectory_id"]
    assert on_the_due_date.status_code == 200 and {intake, arrears_id}.isdisjoint(on_the_due_date.json()["missed"])
    assert day_after.json()["checked_on"] == "2026-03-12"
    assert intake in day_after.json()["missed"] and arrears_id not in day_after.json()["missed"]
    assert {intake, arrears_id}.isdisjoint(again.json()["missed"])
    assert arrears_id in arrears_late.json()["missed"] and intake not in arrears_late.json()["missed"]
    assert future.status_code == 422 and future.json()["error"] == "future_check"
    assert malformed.status_code == 422 and malformed.json()["detail"][0]["field"] == "query.today"
    assert state["first_conversation_term_missed"] is True and state["status"] == "referred"

    published = await read_facts(stack.bootstrap, facts("debt"), 4, of=[household])
    kinds = [type(f) for f in published]
    assert kinds.count(DebtReferralReceived) == 2 and kinds.count(DebtTermMissed) == 2
    missed = [f for f in published if isinstance(f, DebtTermMissed)]
    assert [(str(f.trajectory_id), f.due, f.noticed_on) for f in missed] == [
        (by_source["intake"]["trajectory_id"], date(2026, 3, 11), date(2026, 3, 12)),
        (by_source["arrears"]["trajectory_id"], date(2026, 4, 3), date(2026, 4, 4)),
    ]
    sources = {f.source for f in published if isinstance(f, DebtReferralReceived)}
    assert sources == {"intake", "arrears"}
    assert len(await read_topic(stack.bootstrap, facts("debt"), of=[household])) == 4  # each term missed once


async def test_the_periodic_check_records_a_missed_term_by_itself(
    own_stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stack of its own: debt runs with a term check every half second, a setting the shared stack has not."""
    monkeypatch.setenv("WIJK_DEBT_TERM_CHECK_SECONDS", "0.5")
    stack = await own_stack.start(["debt"])
    household = uuid4()
    long_ago = DebtConcernFlagged(
        household_id=household, case_id=uuid4(), team_id="wijkteam-haven", flagged_on=today() - timedelta(days=60)
    )
    async with Publisher(stack.settings.kafka_bootstrap) as publisher:
        await publisher.publish(long_ago)
    async with stack.client("debt") as client, stack.client("debt", org="wijk-operator") as operator:

        async def listed() -> list[dict[str, Any]]:
            return (await client.get("/trajectories", params={"household_id": str(household)})).json()

        (trajectory,) = await eventually(
            listed, lambda t: len(t) == 1 and t[0]["first_conversation_term_missed"], timeout=60
        )
        assert (await operator.post("/terms/check")).json()["missed"] == []  # already recorded by the periodic check
    published = await read_facts(stack.settings.kafka_bootstrap, facts("debt"), 2)
    missed = [f for f in published if isinstance(f, DebtTermMissed)]
    assert len(missed) == 1 and str(missed[0].trajectory_id) == trajectory["trajectory_id"]
    assert missed[0].noticed_on == today()
