"""A short, realistic demo: households from different districts through the whole slice, over the real APIs.

A resident's melding reaches intake, which opens a case for the district's team; planning drafts the plan and a
professional decides; budget reserves; the backoffice sends the beschikking and assigns a provider; the provider
starts care; debt assistance picks up the early referrals; reporting counts it all per team.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import httpx

HOUSEHOLDS = [
    {"postcode": "1353 AB", "members": 3, "life_domains": ["income", "debts", "youth"], "debt_concern": True},
    {"postcode": "1315 KL", "members": 1, "life_domains": ["care", "social_network"]},
    {
        "postcode": "1341 CD",
        "members": 4,
        "life_domains": ["housing", "debts"],
        "debt_concern": True,
        "threatening": True,
    },
    {"postcode": "1361 EF", "members": 2, "life_domains": ["care", "health"]},
    {"postcode": "1326 GH", "members": 1, "life_domains": ["work", "income", "debts"], "debt_concern": True},
]
DECISIONS = [
    ("wmo-huishoudelijke-ondersteuning", 240_000, "coach.jansen"),
    ("wmo-begeleiding-individueel", 480_000, "coach.de-vries"),
    ("maatwerk-vrij-besteedbaar", 35_000, "coach.bakker"),
]

Say = Callable[[str], None]


class DemoError(RuntimeError):
    """The demo could not finish; the message says which step stalled."""


def wait_for(probe: Callable[[], Any], what: str, timeout: float = 90) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = probe()
        if result:
            return result
        time.sleep(0.3)
    raise DemoError(f"timed out after {timeout:.0f}s waiting for {what}")


def run_demo(urls: dict[str, str], households: int = 5, seed: int = 2026, say: Say = print) -> dict[str, Any]:
    rng = random.Random(seed)
    year = date.today().year
    with httpx.Client(timeout=10) as client:
        before = client.get(f"{urls['reporting']}/summary").json()
        for number in range(households):
            body = dict(HOUSEHOLDS[number % len(HOUSEHOLDS)])
            opened = _post(client, f"{urls['intake']}/support-requests", body)
            say(f"[{number + 1}/{households}] melding {body['postcode']} -> case for {opened['team_id']}")
            household = opened["household_id"]
            plan = wait_for(partial(_plan_of, client, urls["planning"], household), "the household plan")
            code, amount, professional = rng.choice(DECISIONS)
            _post(
                client,
                f"{urls['planning']}/plans/{plan['plan_id']}/decisions",
                {
                    "provision_code": code,
                    "amount_cents": amount,
                    "period_start": f"{year}-01-01",
                    "period_end": f"{year}-12-31",
                    "decided_by": professional,
                },
            )
            say(f"        plan {plan['plan_id'][:8]}: {professional} decides {code} (EUR {amount / 100:,.2f})")
        expected = before.get("care_started", 0) + households
        summary = wait_for(
            lambda: _summary_if(client, urls["reporting"], lambda s: s.get("care_started", 0) >= expected),
            "care to start for every household",
            timeout=120,
        )
        teams = client.get(f"{urls['reporting']}/teams").json()
    return {"summary": summary, "teams": teams}


def _post(client: httpx.Client, url: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(url, json=body)
    if response.status_code >= 400:
        raise DemoError(f"POST {url} answered {response.status_code}: {response.text}")
    return response.json()  # type: ignore[no-any-return]


def _plan_of(client: httpx.Client, planning: str, household_id: str) -> dict[str, Any] | None:
    plans = client.get(f"{planning}/plans", params={"household_id": household_id}).json()
    return plans[0] if plans else None


def _summary_if(client: httpx.Client, reporting: str, done: Callable[[dict[str, Any]], bool]) -> Any:
    summary = client.get(f"{reporting}/summary").json()
    return summary if done(summary) else None
