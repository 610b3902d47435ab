"""A referral to debt assistance over HTTP becomes the DebtReferralSent fact debt assistance consumes."""

from __future__ import annotations

import uuid

import pytest

from contracts.events.backoffice import DebtReferralSent
from contracts.topics import facts
from tests.support.bus import read_facts
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


async def test_a_referral_is_published_and_bad_input_refused(stack: Stack) -> None:
    household = uuid.uuid4()
    async with stack.client("backoffice", user="coach.jansen") as client, stack.client("backoffice") as staff:
        other_team = await client.post(f"/cases/{household}/debt-referrals", json={"team_id": "wijkteam-haven"})
        backoffice = await staff.post(f"/cases/{household}/debt-referrals", json={"team_id": "wijkteam-stad"})
        sent = await client.post(
            f"/cases/{household}/debt-referrals",
            json={"team_id": "wijkteam-stad", "threatening": True, "reason": "dreigende huisuitzetting"},
        )
        no_team = await client.post(f"/cases/{household}/debt-referrals", json={"team_id": ""})
        bad_household = await client.post("/cases/nobody/debt-referrals", json={"team_id": "wijkteam-stad"})
    assert sent.status_code == 201
    assert other_team.status_code == backoffice.status_code == 403  # not coach.jansen's team; not the backoffice's
    assert no_team.status_code == bad_household.status_code == 422
    [fact] = await read_facts(stack.bootstrap, facts("backoffice"), 1, of=[household])
    assert isinstance(fact, DebtReferralSent)
    assert (fact.household_id, fact.team_id, fact.threatening) == (household, "wijkteam-stad", True)
    assert str(fact.referral_id) == sent.json()["referral_id"]
