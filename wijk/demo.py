"""A short, realistic demo: households from different districts through the whole slice, over the real APIs.

A resident's melding reaches intake, which opens a case for the district's team; planning drafts the plan and a
professional decides; budget reserves; the backoffice sends the beschikking and assigns a provider; the provider
starts care; debt assistance picks up the early referrals; reporting counts it all per team.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import httpx

from contracts.partner_signals import PaymentArrearsSignal
from contracts.topics import partner_signals
from wijk.partner_signal import send_signal

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
DECISIONS = [  # provision, amount, professional, life domain, delivered by a care provider (else paid out)
    ("wmo-huishoudelijke-ondersteuning", 240_000, "coach.jansen", "care", True),
    ("wmo-begeleiding-individueel", 480_000, "coach.de-vries", "social_network", True),
    ("maatwerk-vrij-besteedbaar", 35_000, "coach.bakker", "income", False),
]
OWN_STRENGTH = {
    "care": ("Keep the home clean and safe", "The resident does light cleaning; a daughter shops weekly"),
    "social_network": ("Daily structure and contacts", "The resident joins the neighbourhood lunch on Fridays"),
    "income": ("Stable income and no new arrears", "The resident opens every letter with a volunteer"),
}

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


ARREARS_CENTS = 124_000
ARREARS_SIGNAL: dict[str, object] = {
    "reference": "HUUR-2026-0417",
    "postcode": "1358 AB",
    "house_number": "14",
    "arrears_cents": ARREARS_CENTS,
    "signalled_on": date.today().isoformat(),
}
HOUSING_SOURCE = "urn:nld:oin:00000009000000000001:systeem:huurincasso"  # registered in config/almere/partners.json


async def _send_signal(bootstrap: str) -> None:
    await send_signal(
        bootstrap,
        partner_signals("housing"),
        HOUSING_SOURCE,
        PaymentArrearsSignal.type,
        f"demo-{ARREARS_SIGNAL['reference']}",
        ARREARS_SIGNAL,
    )


def run_signal(urls: dict[str, str], bootstrap: str, say: Say = print) -> None:
    """A housing corporation's rent-arrears signal (vroegsignalering) becomes a case with an offer of help."""
    with httpx.Client(timeout=10) as client:
        before = client.get(f"{urls['reporting']}/summary").json().get("cases_opened", 0)
        asyncio.run(_send_signal(bootstrap))
        say(f"[signal] housing corporation reports EUR {ARREARS_CENTS / 100:,.2f} rent arrears")
        wait_for(
            lambda: _summary_if(client, urls["reporting"], lambda s: s.get("cases_opened", 0) > before),
            "the arrears signal to become a case",
        )
    say("        -> a case for the district team, an offer of help (hulpaanbod), a referral to debt assistance")


def run_demo(urls: dict[str, str], households: int = 5, say: Say = print) -> dict[str, Any]:
    year = date.today().year
    with httpx.Client(timeout=10) as client:
        before = client.get(f"{urls['reporting']}/summary").json()
        provider_care = 0
        for number in range(households):
            body = dict(HOUSEHOLDS[number % len(HOUSEHOLDS)])
            opened = _post(client, f"{urls['intake']}/support-requests", body)
            say(f"[{number + 1}/{households}] melding {body['postcode']} -> case for {opened['team_id']}")
            _post(
                client,
                f"{urls['intake']}/cases/{opened['case_id']}/client-support-offers",
                {"offered_by": "coach.jansen"},
            )
            household = opened["household_id"]
            plan = wait_for(partial(_plan_of, client, urls["planning"], household), "the household plan")
            code, amount, professional, domain, by_provider = DECISIONS[number % len(DECISIONS)]
            provider_care += by_provider
            goal, own_strength = OWN_STRENGTH[domain]
            _post(
                client,
                f"{urls['planning']}/plans/{plan['plan_id']}/goals",
                {"life_domain": domain, "goal": goal, "own_strength": own_strength, "set_by": professional},
            )
            _post(
                client,
                f"{urls['planning']}/plans/{plan['plan_id']}/decisions",
                {
                    "provision_code": code,
                    "amount_cents": amount,
                    "period_start": f"{year}-01-01",
                    "period_end": f"{year}-12-31",
                    "decided_by": professional,
                    "life_domain": domain,
                },
            )
            say(f"        plan {plan['plan_id'][:8]}: {professional} decides {code} (EUR {amount / 100:,.2f})")
        letters = before.get("letters_issued", 0) + households
        care = before.get("care_started", 0) + provider_care
        summary = wait_for(
            lambda: _summary_if(
                client,
                urls["reporting"],
                lambda s: s.get("letters_issued", 0) >= letters and s.get("care_started", 0) >= care,
            ),
            "a beschikking for every decision and care to start",
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
    """The household's plan, once planning also knows that client support was offered (deciding needs both)."""
    plans = client.get(f"{planning}/plans", params={"household_id": household_id}).json()
    return plans[0] if plans and plans[0]["client_support_offered"] else None


def _summary_if(client: httpx.Client, reporting: str, done: Callable[[dict[str, Any]], bool]) -> Any:
    summary = client.get(f"{reporting}/summary").json()
    return summary if done(summary) else None
