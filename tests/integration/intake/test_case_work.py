"""Client support, applications with their decision terms, missed terms as facts, and the debt screening, over
HTTP on the real broker and PostgreSQL. A clock check looks at every case intake holds; the test asserts about
its own."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest

from contracts.events.intake import (
    ClientSupportChosen,
    ClientSupportOffered,
    DebtConcernFlagged,
    StatutoryClockStarted,
    StatutoryTermMissed,
)
from contracts.topics import facts
from kernel.clock import today
from tests.support.bus import read_facts
from tests.support.stack import Stack

pytestmark = pytest.mark.integration
MELDING = {"postcode": "1315 KL", "life_domains": ["care"]}
UNKNOWN = "6f0d5a8e-2b7c-4c1e-9a43-8d2f3b9e7a10"


async def test_client_support_is_offered_before_a_choice(stack: Stack) -> None:
    async with stack.client("intake", timeout=20) as client:
        opened = (await client.post("/support-requests", json=MELDING)).json()
        case_id = opened["case_id"]
        early = await client.post(f"/cases/{case_id}/client-support-choice", json={"choice": "volunteer"})
        offered = await client.post(f"/cases/{case_id}/client-support-offers", json={})
        chosen = await client.post(f"/cases/{case_id}/client-support-choice", json={"choice": "volunteer"})
        bad_choice = await client.post(f"/cases/{case_id}/client-support-choice", json={"choice": "family"})
        nowhere = await client.post(f"/cases/{UNKNOWN}/client-support-offers", json={})
        shown = (await client.get(f"/cases/{case_id}")).json()
    assert early.status_code == 409 and early.json()["error"] == "no_client_support_offer"
    assert offered.status_code == 201 and offered.json() == {"case_id": case_id, "offered_on": today().isoformat()}
    assert chosen.status_code == 201 and chosen.json()["choice"] == "volunteer"
    assert bad_choice.status_code == 422 and nowhere.status_code == 404
    assert shown["client_support_choice"] == "volunteer"
    published = await read_facts(stack.bootstrap, facts("intake"), 7, of=[opened["household_id"]])
    offers = [f for f in published if isinstance(f, ClientSupportOffered | ClientSupportChosen)]
    assert [type(f).__name__ for f in offers] == ["ClientSupportOffered", "ClientSupportChosen"]


async def test_clocks_start_with_the_melding_and_the_application_and_a_missed_term_is_a_fact(stack: Stack) -> None:
    async with stack.client("intake", timeout=20) as client, stack.client("intake", org="wijk-operator") as operator:
        opened = (await client.post("/support-requests", json=MELDING)).json()
        case_id = opened["case_id"]
        applied = await client.post(f"/cases/{case_id}/applications", json={"domain": "youth"})
        bad_domain = await client.post(f"/cases/{case_id}/applications", json={"domain": "housing"})
        stopped = await client.post(f"/cases/{case_id}/clocks/personal_plan/stop", json={})
        stopped_again = await client.post(f"/cases/{case_id}/clocks/personal_plan/stop", json={})
        checked = await operator.post("/clocks/check")
    assert applied.status_code == 201, applied.text
    assert applied.json()["decision_due_on"] >= (today() + timedelta(weeks=8)).isoformat()
    assert "Awb art. 4:13" in applied.json()["legal_basis"]
    assert bad_domain.status_code == 422
    assert stopped.status_code == 200 and stopped.json()["in_time"] is True
    assert stopped_again.status_code == 409 and "already stopped" in stopped_again.json()["detail"]
    assert checked.status_code == 200 and not mine(checked.json()["missed"], case_id)  # none late on day one

    later = today() + timedelta(weeks=7)  # the 6-week investigation has passed; the 8-week decision term has not
    assert mine(await _check(stack, later), case_id) == [{"case_id": case_id, "clock_id": "investigation"}]
    assert mine(await _check(stack, later), case_id) == []  # once only

    published = await read_facts(stack.bootstrap, facts("intake"), 9, of=[opened["household_id"]])
    started = {f.clock_id: f for f in published if isinstance(f, StatutoryClockStarted)}
    assert {c.split(":")[0] for c in started} == {"personal_plan", "investigation", "decision"}
    late = [f for f in published if isinstance(f, StatutoryTermMissed)]
    assert len(late) == 1 and late[0].clock == "investigation" and late[0].detected_on == later
    assert late[0].legal_basis == "Wmo 2015 art. 2.3.2 lid 1"


def mine(missed: list[dict[str, str]], case_id: str) -> list[dict[str, str]]:
    return [m for m in missed if m["case_id"] == case_id]


async def _check(stack: Stack, on: date) -> list[dict[str, str]]:
    return await asyncio.to_thread(stack["intake"].app.check_clocks, on)  # type: ignore[union-attr]


async def test_the_debt_screening_flags_a_concern_for_debt_assistance(stack: Stack) -> None:
    answers = {"arrears_on_fixed_costs": False, "collection_letters": False, "income_short": False,
               "borrowing_for_bills": False}  # fmt: skip
    async with stack.client("intake", timeout=20) as client:
        quiet_case = (await client.post("/support-requests", json=MELDING)).json()
        worried_case = (await client.post("/support-requests", json=MELDING)).json()
        quiet, worried = quiet_case["case_id"], worried_case["case_id"]
        none = await client.post(f"/cases/{quiet}/debt-screening", json=answers)
        threat = await client.post(f"/cases/{worried}/debt-screening", json={**answers, "threat": "eviction"})
        incomplete = await client.post(f"/cases/{quiet}/debt-screening", json={"income_short": True})
        odd_threat = await client.post(f"/cases/{quiet}/debt-screening", json={**answers, "threat": "noise"})
    assert none.status_code == 201 and none.json()["debt_concern"] is False
    assert threat.status_code == 201 and threat.json() == {
        "case_id": worried,
        "debt_concern": True,
        "threatening": True,
    }
    assert incomplete.status_code == 422 and odd_threat.status_code == 422
    households = [quiet_case["household_id"], worried_case["household_id"]]
    published = await read_facts(stack.bootstrap, facts("intake"), 11, of=households)
    flagged = [f for f in published if isinstance(f, DebtConcernFlagged)]
    assert [(str(f.case_id), f.threatening) for f in flagged] == [(worried, True)]
