"""The gateway on the real broker and PostgreSQL, with an in-memory source of client data (the authenticated call
to intake is the next wave), and the provider side of the mailbox as a test drives it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
from lxml import etree

from contracts.events.backoffice import ProviderAssigned
from kernel.clock import today
from services.iwmo.domain.client import ClientRecord, InMemoryClientRecords
from services.iwmo.main import definition
from services.iwmo.settings import IwmoSettings
from services.iwmo.xml import codec
from tests.support.stack import Stack, eventually
from tooling.identity_tokens import ServiceAuth, org
from wijk.service import ServiceRuntime
from wijk.settings import ServiceSettings

PROVIDER, AGB, GEMEENTE = "zorg-flevoland", "98000001", "0034"
HEADERS = {"X-Provider-Id": PROVIDER}


async def start_gateway(stack: Stack, records: InMemoryClientRecords) -> ServiceRuntime:
    runtime = ServiceRuntime(
        definition(records, IwmoSettings(retry_seconds=0.5)),
        stack.settings,
        ServiceSettings.for_service("iwmo", http_port=stack.ports["iwmo"]),
    )
    stack.runtimes["iwmo"] = runtime
    await runtime.start()
    return runtime


def client(bsn: str = "999990019") -> ClientRecord:
    return ClientRecord(
        bsn=bsn, family_name="Jansen", prefix="de", given_names="Anna Maria", birth_date=date(1950, 3, 1),
        gender="2", street="Markt", house_number=12, postcode="1353AB", city="Almere",
    )  # fmt: skip


def assignment(household_id: UUID, category: str = "01") -> ProviderAssigned:
    return ProviderAssigned(
        household_id=household_id, assignment_id=uuid4(), decision_id=uuid4(), provider_id=PROVIDER,
        product_code="01A01", volume=2, unit="04", frequency="2", period_start=today() - timedelta(days=14),
        period_end=today() + timedelta(days=180), product_category=category,
    )  # fmt: skip


def as_provider(stack: Stack, url: str, provider: str = PROVIDER) -> ServiceAuth:
    """The provider's client-credentials token for the gateway at `url` (a gateway of the test's own)."""
    return ServiceAuth(stack.identity.tokens, {"iwmo": url}, {"iwmo": org(provider)})


async def outbox(stack: Stack, url: str, expected: int, after: int = 0) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=url, headers=HEADERS, auth=as_provider(stack, url)) as http:

        async def probe() -> list[dict[str, Any]]:
            response = await http.get("/mailbox/messages", params={"direction": "out", "after": after})
            response.raise_for_status()
            return list(response.json())

        return await eventually(probe, lambda found: len(found) >= expected, timeout=60)


async def fetch(stack: Stack, url: str, position: int) -> etree._Element:
    async with httpx.AsyncClient(base_url=url, headers=HEADERS, auth=as_provider(stack, url)) as http:
        response = await http.get(f"/mailbox/messages/{position}")
        response.raise_for_status()
        assert response.headers["content-type"].startswith("application/xml")
        return etree.fromstring(response.content)


async def post(stack: Stack, url: str, document: bytes, provider: str = PROVIDER) -> httpx.Response:
    auth = as_provider(stack, url, provider)
    async with httpx.AsyncClient(base_url=url, headers={"X-Provider-Id": provider}, auth=auth) as http:
        return await http.post("/mailbox/messages", content=document, headers={"Content-Type": "application/xml"})


def code_of(root: etree._Element) -> str:
    return etree.QName(root).namespace.removeprefix(codec.PREFIX).removesuffix("/schema")


def new_household() -> UUID:
    return uuid4()
