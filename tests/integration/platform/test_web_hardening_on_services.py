"""On the running services: a forged cross-origin post closes no year, and a 1 MB field freezes nothing
(issue 18, #1 and #7)."""

from __future__ import annotations

import uuid

import pytest

from kernel.clock import today
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


async def test_a_text_plain_post_from_another_origin_does_not_close_the_year(stack: Stack) -> None:
    await stack.start(["budget"])
    year = today().year
    async with stack.client("budget", timeout=30) as client:
        forged = await client.post(
            f"/years/{year}/close",
            content="anything",
            headers={"Origin": "https://evil.example", "Content-Type": "text/plain"},
        )
        statement = await client.get(f"/years/{year}/statements/wijkteam-haven")
    assert forged.status_code == 403
    assert statement.status_code == 409  # still open: no statement before the close


async def test_a_one_megabyte_team_id_is_refused_and_the_next_referral_answers(stack: Stack) -> None:
    await stack.start(["backoffice"])
    household = uuid.uuid4()
    async with stack.client("backoffice", timeout=30, user="coach.jansen") as client:  # of wijkteam-stad
        large = await client.post(f"/cases/{household}/debt-referrals", json={"team_id": "x" * 1_000_000})
        normal = await client.post(f"/cases/{household}/debt-referrals", json={"team_id": "wijkteam-stad"})
        ready = await client.get("/ready")
    assert large.status_code == 413
    assert normal.status_code == 201
    assert ready.status_code == 200
