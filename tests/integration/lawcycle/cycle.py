"""What the law cycle's tests do through the services' real HTTP APIs, with real tokens: open a melding, wait for
the plan, call a route as a given person or organisation, read the case's clocks and reporting's cycle section."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from kernel.clock import read_clock, set_clock
from tests.support.identity import IdentityProvider
from tests.support.stack import Stack, eventually

START = date(2027, 3, 1)
"""A Monday; the simulated calendar moves forward from here (King's Day falls in the window the tests use)."""
PROFESSIONAL = "j.de.vries"
"""A wmo-consulent of wijkteam-haven, holding mandate ALM-M-02 (Wmo, up to EUR 12,000)."""
HAVEN, POSTCODE = "wijkteam-haven", "1353 AB"
CLIENTS = frozenset({"wijk-operator", "schuldhulp-almere"})
PROVISION = "wmo-huishoudelijke-ondersteuning"
GOAL = {"goal": "the house stays liveable", "own_strength": "does the shopping himself", "network": "a neighbour"}


@dataclass(frozen=True)
class Household:
    household_id: uuid.UUID
    case_id: uuid.UUID
    plan_id: str


@dataclass
class Cycle:
    stack: Stack
    identity: IdentityProvider
    clock: Path

    def today(self) -> date:
        return read_clock(self.clock).day

    def move_to(self, day: date) -> None:
        assert day >= self.today(), "the calendar only moves forward"
        set_clock(self.clock, day)

    def after(self, days: int) -> date:
        self.move_to(self.today() + timedelta(days=days))
        return self.today()

    def token(self, service: str, who: str) -> str:
        if who in CLIENTS:
            return self.identity.client_token(who, service)
        return self.identity.user_token(who, service)

    async def response(
        self, service: str, who: str, method: str, path: str, body: dict[str, Any] | None = None
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token(service, who)}"}
        async with httpx.AsyncClient(base_url=self.stack.url(service), headers=headers, timeout=30) as client:
            return await client.request(method, path, json=body)

    async def call(
        self, service: str, who: str, method: str, path: str, body: dict[str, Any] | None = None, status: int = 0
    ) -> Any:
        """The answer's JSON (or text); fails unless the status is `status`, or any 2xx when none is given."""
        answer = await self.response(service, who, method, path, body)
        ok = answer.status_code == status if status else answer.is_success
        assert ok, f"{method} {path} as {who}: {answer.status_code} {answer.text}"
        if not answer.content:
            return None
        return answer.json() if "json" in answer.headers.get("content-type", "") else answer.text

    async def found(self, service: str, who: str, path: str, done: Any = bool, timeout: float = 60) -> Any:
        """Wait until GET `path` answers 200 with something `done` accepts (the bus brought it)."""

        async def probe() -> Any:
            answer = await self.response(service, who, "GET", path)
            if answer.status_code != 200:
                return None
            return answer.json() if "json" in answer.headers.get("content-type", "") else answer.text

        return await eventually(probe, lambda r: r is not None and done(r), timeout)

    async def melding(self, domains: tuple[str, ...] = ("care",)) -> Household:
        """A melding of a new household in Almere Haven, its plan drafted, client support offered, a goal set."""
        body = {"postcode": POSTCODE, "life_domains": list(domains)}
        opened = await self.call("intake", PROFESSIONAL, "POST", "/support-requests", body, 201)
        household, case = uuid.UUID(opened["household_id"]), uuid.UUID(opened["case_id"])
        plans = await self.found("planning", PROFESSIONAL, f"/plans?household_id={household}")
        plan_id = plans[0]["plan_id"]
        await self.call("intake", PROFESSIONAL, "POST", f"/cases/{case}/client-support-offers", None, 201)
        goal = {"life_domain": "care", **GOAL}
        await self.call("planning", PROFESSIONAL, "POST", f"/plans/{plan_id}/goals", goal, 201)
        await self.found("planning", PROFESSIONAL, f"/plans/{plan_id}", lambda p: bool(p["client_support_offered"]))
        return Household(household, case, plan_id)

    async def clocks(self, household: Household) -> dict[str, dict[str, Any]]:
        case = await self.call("intake", PROFESSIONAL, "GET", f"/cases/{household.case_id}")
        return {c["clock_id"]: c for c in case["clocks"]}

    async def clock_stopped(self, household: Household, clock_id: str) -> dict[str, Any]:
        case = await self.found(
            "intake", PROFESSIONAL, f"/cases/{household.case_id}",
            lambda c: any(k["clock_id"] == clock_id and k["stopped_on"] for k in c["clocks"]),
        )  # fmt: skip
        return next(k for k in case["clocks"] if k["clock_id"] == clock_id)

    async def cycle_report(self) -> dict[str, Any]:
        return await self.call("reporting", "controller", "GET", f"/report/cycle?team={HAVEN}")  # type: ignore[no-any-return]

    def decision(self, **fields: Any) -> dict[str, Any]:
        """A decision body on the household-help provision for the rest of the calendar year (who decides is the
        caller of `call`: the token says, not the body)."""
        year = self.today().year
        body = {
            "provision_code": PROVISION, "amount_cents": 250_000, "period_start": self.today().isoformat(),
            "period_end": f"{year}-12-31", "life_domain": "care",
        }  # fmt: skip
        return body | fields


def flat(text: str) -> str:
    """A letter's text with its line wrapping undone, for phrases that may wrap."""
    return " ".join(text.split())


def team_term(report: dict[str, Any], clock: str) -> dict[str, Any]:
    return next((t for t in report["team_terms"] if t["clock"] == clock), {"on_time": 0, "late": 0, "missed": 0})
