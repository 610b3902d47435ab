"""The gateway on the real broker, PostgreSQL and identity provider, with every service running: households are
registered in intake by a professional, the gateway reads their client with its own token, and the provider side
of the mailbox is driven as a provider's system would, with the provider's client-credentials token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import httpx
from lxml import etree

from contracts.events.backoffice import ProviderAssigned
from kernel.clock import today
from kernel.iwmo import codec
from kernel.iwmo.messages.toewijzing import Wmo301
from tests.support import people
from tests.support.identity import IdentityProvider
from tests.support.stack import Stack, eventually

PROVIDER, AGB, GEMEENTE = "zorg-flevoland", "98000001", "0034"
WAIT = 120
"""Seconds a test waits for what the bus brings: generous, as the machine may be shared by other test runs."""
PROFESSIONAL, POSTCODE = "j.de.vries", "1353 AB"
"""A wmo-consulent of wijkteam-haven, and a postcode of the Haven."""


@dataclass(frozen=True)
class Resident:
    household_id: UUID
    bsn: str
    house_number: str


@dataclass
class Gateway:
    stack: Stack
    identity: IdentityProvider
    drop_dir: Path

    @property
    def url(self) -> str:
        return self.stack.url("iwmo")

    def mailbox(self, provider: str = PROVIDER) -> Mailbox:
        return Mailbox(self.url, self.identity.client_token(provider, "iwmo"))

    async def as_user(self, who: str, service: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.identity.user_token(who, service)}"}
        async with httpx.AsyncClient(base_url=self.stack.url(service), headers=headers, timeout=30) as http:
            return await http.request(method, path, **kwargs)

    async def call(self, who: str, service: str, method: str, path: str, body: Any = None, status: int = 0) -> Any:
        answer = await self.as_user(who, service, method, path, json=body)
        ok = answer.status_code == status if status else answer.is_success
        assert ok, f"{method} {path} as {who}: {answer.status_code} {answer.text}"
        return answer.json()

    async def found(self, who: str, service: str, path: str, done: Any = bool) -> Any:
        """GET `path` until it answers 200 with something `done` accepts (the bus brought it)."""

        async def probe() -> Any:
            answer = await self.as_user(who, service, "GET", path)
            return answer.json() if answer.status_code == 200 else None

        return await eventually(probe, lambda r: r is not None and done(r), timeout=WAIT)

    async def plan_for(self, resident: Resident) -> str:
        """A melding for the registered household: its plan drafted, client support offered, a care goal set."""
        body = {"household_id": str(resident.household_id), "life_domains": ["care"]}
        case = (await self.call(PROFESSIONAL, "intake", "POST", "/support-requests", body, 201))["case_id"]
        plans = await self.found(PROFESSIONAL, "planning", f"/plans?household_id={resident.household_id}")
        plan_id = str(plans[0]["plan_id"])
        await self.call(PROFESSIONAL, "intake", "POST", f"/cases/{case}/client-support-offers",
                        {}, 201)  # fmt: skip
        goal = {"life_domain": "care", "goal": "the house stays liveable",
                "own_strength": "does the shopping herself", "network": "a neighbour"}  # fmt: skip
        await self.call(PROFESSIONAL, "planning", "POST", f"/plans/{plan_id}/goals", goal, 201)
        await self.found(PROFESSIONAL, "planning", f"/plans/{plan_id}", lambda p: bool(p["client_support_offered"]))
        return plan_id

    async def decide(self, plan_id: str, provision: str = "wmo-huishoudelijke-ondersteuning") -> str:
        """A decision in the plan; budget reserves, the backoffice assigns the provider: a ProviderAssigned."""
        body = {"provision_code": provision, "amount_cents": 250_000, "period_start": today().isoformat(),
                "period_end": f"{today().year}-12-31", "life_domain": "care"}  # fmt: skip
        decided = await self.call(PROFESSIONAL, "planning", "POST", f"/plans/{plan_id}/decisions", body, 201)
        return str(decided["decision_id"])

    async def register(self, date_of_birth: str | None = "1950-03-01") -> Resident:
        """A household of one resident, registered in intake by a professional of its team."""
        bsn, number = people.bsn(), people.house_number() + "B"
        body = {
            "address": {"street": "Markt", "house_number": number, "postcode": POSTCODE, "city": "Almere"},
            "residents": [{"given_name": "Anna Maria", "family_name": "Jansen", "bsn": bsn,
                           "date_of_birth": date_of_birth}],
            "contact": {"phone": "0612345678"},
        }  # fmt: skip
        response = await self.as_user(PROFESSIONAL, "intake", "POST", "/households", json=body)
        assert response.status_code == 201, response.text
        return Resident(UUID(response.json()["household_id"]), bsn, number)


@dataclass
class Mailbox:
    url: str
    token: str

    def http(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.url, headers={"Authorization": f"Bearer {self.token}"}, timeout=30)

    async def outbox(self, expected: int, after: int = 0, message: str | None = None) -> list[dict[str, Any]]:
        """The gemeente's messages after a position (only those of one type, when asked), once there are enough."""
        async with self.http() as http:

            async def probe() -> list[dict[str, Any]]:
                response = await http.get("/mailbox/messages", params={"direction": "out", "after": after})
                response.raise_for_status()
                return [m for m in response.json() if message is None or m["message"] == message]

            return await eventually(probe, lambda found: len(found) >= expected, timeout=WAIT)

    async def fetch(self, position: int) -> etree._Element:
        async with self.http() as http:
            response = await http.get(f"/mailbox/messages/{position}")
            response.raise_for_status()
            assert response.headers["content-type"].startswith("application/xml")
            return etree.fromstring(response.content)

    async def toewijzing_for(self, bsn: str, timeout: float = WAIT) -> tuple[int, Wmo301]:
        """The newest 301 for this client (the mailbox is shared by the package's tests): its position and message."""
        seen: set[int] = set()
        found: list[tuple[int, Wmo301]] = []

        async def probe() -> list[tuple[int, Wmo301]]:
            for entry in await self.outbox(0, message="WMO301"):
                if entry["position"] not in seen:
                    seen.add(entry["position"])
                    message = codec.from_xml(await self.fetch(entry["position"]), "301")
                    assert isinstance(message, Wmo301)
                    if message.client.bsn == bsn:
                        found.append((entry["position"], message))
            return found

        return (await eventually(probe, bool, timeout=timeout))[-1]

    async def post(self, document: bytes) -> httpx.Response:
        async with self.http() as http:
            return await http.post("/mailbox/messages", content=document, headers={"Content-Type": "application/xml"})


def assignment(household_id: UUID, category: str = "01") -> ProviderAssigned:
    return ProviderAssigned(
        household_id=household_id, assignment_id=uuid4(), decision_id=uuid4(), provider_id=PROVIDER,
        product_code="01A01", volume=2, unit="04", frequency="2", period_start=today() - timedelta(days=14),
        period_end=today() + timedelta(days=180), product_category=category,
    )  # fmt: skip


def code_of(root: etree._Element) -> str:
    return etree.QName(root).namespace.removeprefix(codec.PREFIX).removesuffix("/schema")
