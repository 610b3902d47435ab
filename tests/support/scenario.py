"""The thin slice driven over the real HTTP APIs: meldingen in, decisions taken, until care has started.

Every melding names a postcode only, so each run registers households of its own: on the shared stack a test
follows its own households through reporting's facts (`reported`), never the municipality's totals.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from contracts.events.care import CareStarted
from contracts.events.debt import DebtReferralReceived
from tests.support.stack import TEAM_PROFESSIONAL, Stack, eventually
from tests.support.state import settled

MELDINGEN = [
    {"postcode": "1353 AB", "members": 3, "life_domains": ["income", "debts"], "debt_concern": True},
    {"postcode": "1315 KL", "members": 1, "life_domains": ["care", "social_network"]},
    {
        "postcode": "1341 CD",
        "members": 4,
        "life_domains": ["housing", "debts"],
        "debt_concern": True,
        "threatening": True,
    },
    {"postcode": "1361 EF", "members": 2, "life_domains": ["care", "health"]},
]
GOAL = {
    "life_domain": "care",
    "goal": "The household keeps its home clean and safe",
    "own_strength": "The resident does the daily dishes and light cleaning",
    "network": "A daughter does the weekly shopping",
}
DECISION = {
    "provision_code": "wmo-huishoudelijke-ondersteuning",
    "amount_cents": 240_000,
    "period_start": "2026-01-01",
    "period_end": "2026-12-31",
}
"""Decided by a professional of the household's own team with a Wmo mandate (`TEAM_PROFESSIONAL`), as the token
says: who decides is never a body field."""


@dataclass
class Household:
    household_id: str
    case_id: str
    team_id: str
    traceparent: str | None
    plan_id: str = ""
    decision_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


async def open_cases(stack: Stack, meldingen: list[dict[str, Any]] = MELDINGEN) -> list[Household]:
    households = []
    async with stack.client("intake", timeout=20) as client:
        for melding in meldingen:
            response = await client.post("/support-requests", json=melding)
            assert response.status_code == 201, response.text
            body = response.json()
            trace = response.headers.get("traceresponse")
            households.append(Household(body["household_id"], body["case_id"], body["team_id"], trace))
            offer = await client.post(  # cliëntondersteuning is offered before the investigation
                f"/cases/{body['case_id']}/client-support-offers",
                json={},
                headers={"traceparent": trace} if trace else {},
            )
            assert offer.status_code == 201, offer.text
    return households


async def plan_of(client: httpx.AsyncClient, household: Household) -> dict[str, Any] | None:
    plans = (await client.get("/plans", params={"household_id": household.household_id})).json()
    return plans[0] if plans else None


async def decide(stack: Stack, households: list[Household], continue_trace: bool = False) -> None:
    for household in households:
        async with stack.client("planning", timeout=20, user=TEAM_PROFESSIONAL[household.team_id]) as client:
            # the plan exists once planning saw CaseOpened; deciding also needs intake's client-support offer
            plan = await eventually(
                lambda h=household: plan_of(client, h), lambda p: p is not None and p["client_support_offered"]
            )
            household.plan_id = plan["plan_id"]
            headers = {"traceparent": household.traceparent} if continue_trace and household.traceparent else {}
            goal = await client.post(f"/plans/{household.plan_id}/goals", json=GOAL, headers=headers)
            assert goal.status_code == 201, goal.text  # eigen kracht is recorded before paid support
            response = await client.post(f"/plans/{household.plan_id}/decisions", json=DECISION, headers=headers)
            assert response.status_code == 201, response.text
            household.decision_id = response.json()["decision_id"]


async def reported(stack: Stack, households: list[Household]) -> dict[str, Counter[str]]:
    """What reporting has recorded of each household: its facts counted by type, by household id."""
    pool = stack["reporting"].pool
    assert pool is not None
    rows = await pool.fetch(
        "SELECT subject, type FROM reporting.fact WHERE subject = ANY($1::text[])",
        [h.household_id for h in households],
    )
    counted: dict[str, Counter[str]] = {h.household_id: Counter() for h in households}
    for row in rows:
        counted[row["subject"]][row["type"]] += 1
    return counted


def care_started(counted: dict[str, Counter[str]], debts: set[str]) -> bool:
    """Care started for every household, and debt assistance received every one with a debt concern."""
    return all(
        facts[CareStarted.type] >= 1 and (household not in debts or facts[DebtReferralReceived.type] >= 1)
        for household, facts in counted.items()
    )


async def until_care_started(
    stack: Stack, households: list[Household], debts: list[Household], timeout: float = 90
) -> dict[str, Counter[str]]:
    """Reporting's facts of the households, once care started for each and debt assistance received `debts`."""
    indebted = {h.household_id for h in debts}
    return await eventually(
        lambda: reported(stack, households), lambda counted: care_started(counted, indebted), timeout=timeout
    )


def with_debts(households: list[Household], meldingen: list[dict[str, Any]]) -> list[Household]:
    return [h for h, m in zip(households, meldingen, strict=True) if m.get("debt_concern")]


async def run_slice(stack: Stack, meldingen: list[dict[str, Any]] = MELDINGEN) -> list[Household]:
    households = await open_cases(stack, meldingen)
    await decide(stack, households)
    await until_care_started(stack, households, with_debts(households, meldingen))
    await settled(stack.settings)  # the follow-ups (e.g. backoffice recording the start) are handled too
    return households
