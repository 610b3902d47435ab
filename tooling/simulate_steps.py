"""What residents, partners, professionals and providers do, over the services' real HTTP APIs and the bus.

Each function is one actor's step; the bus carries the rest (a case becomes a plan, a decision a reservation, a
beschikking and an assignment, a debt concern a referral). A step that waits for the bus polls, with a timeout.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

from contracts.partner_signals import PaymentArrearsSignal
from contracts.topics import partner_signals
from kernel import clock
from kernel.clock import today
from tooling.identity_tokens import acting, user
from tooling.partner_signal import send_signal
from tooling.simulate_scenario import Decision, Household, Municipality

CLIENT_LIMITS = httpx.Limits(keepalive_expiry=2.0)
"""The simulator's and the bench's connection pool: an idle connection is dropped after 2 s, before the services'
uvicorn closes it at 5 s. With both at 5 s a request sent on a connection the server was closing failed with
`httpx.ReadError` (it ended a 5,000-household bench run at 2,500), and a POST is not safe to retry."""

T = TypeVar("T")
Tally = Counter[str]


class SimulationError(RuntimeError):
    """A step was refused in a way the scenario does not expect, or the bus did not deliver in time."""


async def until(probe: Callable[[], Awaitable[T | None]], what: str, timeout: float = 120, interval: float = 0.25) -> T:
    deadline = time.monotonic() + timeout
    while True:
        found = await probe()
        if found:
            return found
        if time.monotonic() > deadline:
            raise SimulationError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(interval)


def checked(response: httpx.Response) -> httpx.Response:
    """`response`, or a SimulationError naming the request and the answer when it is an error."""
    if response.status_code >= 400:
        request = response.request
        raise SimulationError(f"{request.method} {request.url} answered {response.status_code}: {response.text[:400]}")
    return response


async def post(client: httpx.AsyncClient, url: str, body: dict[str, Any], **kw: Any) -> httpx.Response:
    return checked(await client.post(url, json=body, **kw))


async def send_arrears_signal(bootstrap: str, municipality: Municipality, household: Household) -> tuple[str, int, int]:
    """A housing corporation reports rent arrears (vroegsignalering): a case with an offer of help follows.
    Returns where the signal landed (topic, partition, offset)."""
    body = {
        "reference": household.signal_reference,
        "postcode": household.postcode,
        "house_number": household.house_number,
        "arrears_cents": 45_000 + household.number * 731 % 150_000,
        "signalled_on": today().isoformat(),
    }
    partner_id, source = municipality.housing_partner()
    topic = partner_signals(partner_id)
    event_id = f"sim-{municipality.name}-{household.signal_reference}"
    where = await send_signal(bootstrap, topic, source, PaymentArrearsSignal.type, event_id, body, clock.now())
    return topic, *where


async def open_case(
    client: httpx.AsyncClient, urls: dict[str, str], household: Household, residents: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The melding; with `residents` (the body of `POST /households`) the household is registered first and the
    melding names it, so intake can name its client in an iWmo 301."""
    body: dict[str, Any] = {
        "postcode": household.postcode,
        "members": household.members,
        "requested_by": "resident",
        "life_domains": household.life_domains,
        "debt_concern": False,
    }
    if residents is not None:
        registered = (await post(client, f"{urls['intake']}/households", residents)).json()
        body = {**body, "household_id": registered["household_id"], "postcode": None}
    return (await post(client, f"{urls['intake']}/support-requests", body)).json()  # type: ignore[no-any-return]


async def kitchen_table(
    client: httpx.AsyncClient, urls: dict[str, str], case_id: str, household: Household, offered_by: str, tally: Tally
) -> None:
    """Client support offered and chosen (Wmo 2015 art. 2.3.2 lid 3), then the debt screening (Wgs art. 3)."""
    case = f"{urls['intake']}/cases/{case_id}"
    await post(client, f"{case}/client-support-offers", {}, extensions=acting(user(offered_by)))  # as that coach
    await post(client, f"{case}/client-support-choice", {"choice": household.support_choice})
    tally[f"client support: {household.support_choice}"] += 1
    threat = "eviction" if household.threatening else None
    screening = {
        "arrears_on_fixed_costs": household.debts,
        "collection_letters": household.debts and household.number % 2 == 0,
        "income_short": household.debts and household.number % 3 != 0,
        "borrowing_for_bills": False,
        "threat": threat,
    }
    answer = (await post(client, f"{case}/debt-screening", screening)).json()
    tally["debt concern at screening"] += bool(answer.get("debt_concern"))


async def plan_of(
    client: httpx.AsyncClient,
    urls: dict[str, str],
    household_id: str,
    interval: float = 0.25,
    offered: bool = False,
    timeout: float = 120,
) -> dict[str, Any]:
    """The household's plan once planning has it; with `offered`, once it also knows of the client-support offer
    (deciding needs both)."""

    async def probe() -> dict[str, Any] | None:
        plans = (await client.get(f"{urls['planning']}/plans", params={"household_id": household_id})).json()
        return plans[0] if plans and (plans[0]["client_support_offered"] or not offered) else None

    return await until(probe, f"the plan of household {household_id}", timeout, interval)


async def set_goals(
    client: httpx.AsyncClient, urls: dict[str, str], plan_id: str, domains: set[str], set_by: str, hh: Household
) -> None:
    from tooling.simulate_scenario import OWN_STRENGTH

    for number, domain in enumerate(sorted(domains)):
        body = {
            "life_domain": domain,
            "goal": f"Stable situation for {domain.replace('_', ' ')} within the year",
            "own_strength": OWN_STRENGTH[(hh.number + number) % len(OWN_STRENGTH)],
            "network": "A neighbour and a sister help when asked" if hh.members > 1 else "",
        }
        await post(client, f"{urls['planning']}/plans/{plan_id}/goals", body, extensions=acting(user(set_by)))


async def decide(
    client: httpx.AsyncClient,
    urls: dict[str, str],
    municipality: Municipality,
    plan_id: str,
    decision: Decision,
    decided_by: str,
    tally: Tally,
    team_id: str | None = None,
) -> str:
    """Take the decision; the mandate register says whether it is taken, escalated or recorded. An escalated one
    is approved by whoever holds the covering mandate. Retries while planning has not yet heard of the offer."""
    body: dict[str, Any] = {
        "provision_code": decision.provision_code,
        "amount_cents": decision.amount_cents,
        "period_start": decision.period_start.isoformat(),
        "period_end": decision.period_end.isoformat(),
        "life_domain": decision.life_domain,
        "client_age": decision.client_age,
        "deviation": decision.deviation,
    }
    url = f"{urls['planning']}/plans/{plan_id}/decisions"

    async def attempt() -> httpx.Response | None:
        response = await client.post(url, json=body, extensions=acting(user(decided_by)))  # as the decider
        if response.status_code == 409 and "client support" in response.text.lower():
            return None  # the offer is still on its way over the bus
        if response.status_code >= 400:
            raise SimulationError(f"POST {url} answered {response.status_code}: {response.text[:400]}")
        return response

    outcome = (await until(attempt, "planning to learn of the client-support offer", timeout=60)).json()
    tally[f"decisions {outcome['status']}"] += 1
    tally["deviations justified"] += decision.deviation is not None
    if outcome["status"] == "escalated":
        deviating = decision.deviation is not None
        approver = municipality.approver(
            decision.kind, decision.provision_code, decision.amount_cents, deviating, team_id
        )
        if approver is None or approver == decided_by:  # Awb 10:3 lid 3: never the one who decided
            tally["escalations left open (nobody holds the mandate)"] += 1
            return "escalated"
        approval = f"{url}/{outcome['decision_id']}/approval"
        await post(client, approval, {}, extensions=acting(user(approver)))
        tally["escalations approved by a mandate holder"] += 1
        return "taken"
    return str(outcome["status"])


async def satisfaction(client: httpx.AsyncClient, urls: dict[str, str], case_id: str, score: int) -> int:
    """The resident's satisfaction answer (Blenk: measured per team); the status tells whether intake has it."""
    body = {"score": score, "answered_on": today().isoformat()}
    response = await client.post(f"{urls['intake']}/cases/{case_id}/satisfaction", json=body)
    return response.status_code
