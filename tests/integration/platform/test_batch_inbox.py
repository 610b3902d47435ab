"""On the real broker and store: the store failing in the middle of an inbox batch commits what was applied and
delivers the rest again, which is then applied exactly once, and nothing goes to the dead letters."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import Tracking

from contracts.events.intake import DebtConcernFlagged
from contracts.topics import dead_letter
from services.debt.application import DebtApplication
from tests.support.bus import Publisher, read_topic
from tests.support.stack import Stack, eventually
from wijk.topics import ensure_topics

pytestmark = pytest.mark.integration


async def test_a_store_failure_mid_batch_redelivers_the_rest_and_applies_each_fact_once(
    own_stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stack of its own: the facts are on the bus before debt starts, so its first poll takes them as one batch
    (one partition: one household), and debt's handler is made to lose its store once, at the third."""
    household = uuid4()
    flagged = [DebtConcernFlagged(household_id=household, case_id=uuid4(), team_id="wijkteam-haven",
                                  flagged_on=date(2026, 3, 6)) for _ in range(6)]  # fmt: skip
    await ensure_topics(own_stack.bootstrap, [DebtConcernFlagged.topic], own_stack.settings.topic_partitions)
    async with Publisher(own_stack.bootstrap) as publisher:
        for fact in flagged:
            await publisher.publish(fact)

    failing, tried = flagged[2].case_id, Counter[UUID]()
    original = DebtApplication.on_debt_concern_flagged

    def losing_the_store_once(app: DebtApplication, event: DebtConcernFlagged, tracking: Tracking) -> Any:
        tried[event.case_id] += 1
        if event.case_id == failing and tried[failing] == 1:
            raise OSError("the store went away")
        return original(app, event, tracking)

    monkeypatch.setattr(DebtApplication, "on_debt_concern_flagged", losing_the_store_once)
    stack = await own_stack.start(["debt"])
    app, inbox = stack["debt"].app, stack["debt"].inbox
    assert isinstance(app, DebtApplication) and inbox is not None

    async def referred() -> set[str]:
        return {t["referral_id"] for t in app.trajectories(household)}

    await eventually(referred, lambda found: len(found) == len(flagged))
    assert await referred() == {str(f.case_id) for f in flagged}
    assert tried[failing] == 2  # failed once, delivered again
    assert all(tried[f.case_id] == 1 for f in flagged if f.case_id != failing)  # applied ones were committed
    assert inbox.processed == len(flagged)
    assert await read_topic(stack.bootstrap, dead_letter("debt"), of=[household]) == []
