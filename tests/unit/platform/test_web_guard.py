"""The HTTP defences every service shares (issue 18, #1 and #7), on the app every service is built from."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import APIRouter
from pydantic import BaseModel

from wijk.http import create_http_app
from wijk.metrics import ServiceMetrics

pytestmark = pytest.mark.unit
EVIL = "https://evil.example"


class Note(BaseModel):
    text: str


@pytest.fixture
async def client() -> AsyncIterator[tuple[httpx.AsyncClient, list[str]]]:
    closed: list[str] = []

    async def ready() -> dict[str, bool]:
        return {"store": True}

    app = create_http_app("probe", ready, ServiceMetrics("probe"), {})
    router = APIRouter()

    @router.post("/years/{year}/close")
    async def close(year: int) -> dict[str, int]:
        closed.append(str(year))
        return {"closed": year}

    @router.post("/notes", status_code=201)
    async def note(body: Note) -> dict[str, int]:
        return {"length": len(body.text)}

    app.include_router(router)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://probe.local") as http:
        yield http, closed


async def test_a_cross_origin_text_plain_post_does_not_close_the_year(
    client: tuple[httpx.AsyncClient, list[str]],
) -> None:
    http, closed = client
    forged = await http.post("/years/2026/close", content="x", headers={"Origin": EVIL, "Content-Type": "text/plain"})
    assert forged.status_code == 403
    assert forged.json()["error"] == "cross_origin_refused"
    assert closed == []


async def test_a_post_from_another_site_without_origin_is_refused_too(
    client: tuple[httpx.AsyncClient, list[str]],
) -> None:
    http, closed = client
    refused = await http.post("/years/2026/close", headers={"Sec-Fetch-Site": "cross-site"})
    assert refused.status_code == 403
    assert closed == []


async def test_the_services_own_origin_and_clients_without_a_browser_may_post(
    client: tuple[httpx.AsyncClient, list[str]],
) -> None:
    http, closed = client
    own = {"Origin": "http://probe.local", "Sec-Fetch-Site": "same-origin"}
    same = await http.post("/years/2026/close", headers=own)
    plain = await http.post("/years/2027/close")
    assert (same.status_code, plain.status_code) == (200, 200)
    assert closed == ["2026", "2027"]


async def test_a_one_megabyte_body_is_413_and_the_next_request_answers(
    client: tuple[httpx.AsyncClient, list[str]],
) -> None:
    http, _ = client
    large = await http.post("/notes", json={"text": "x" * 1_000_000})
    normal = await http.post("/notes", json={"text": "short"})
    assert large.status_code == 413
    assert (normal.status_code, normal.json()) == (201, {"length": 5})


async def test_a_body_without_a_length_is_cut_off_at_the_limit_too(
    client: tuple[httpx.AsyncClient, list[str]],
) -> None:
    http, _ = client

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 10_000
        yield b'"}'

    streamed = await http.post("/notes", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413


@pytest.mark.parametrize("path", ["/health", "/nowhere", "/docs", "/openapi.json"])
async def test_every_response_carries_the_security_headers_and_no_store(
    client: tuple[httpx.AsyncClient, list[str]], path: str
) -> None:
    http, _ = client
    headers = (await http.get(path)).headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["cache-control"] == "no-store"


async def test_the_api_docs_load_nothing_from_a_public_cdn(client: tuple[httpx.AsyncClient, list[str]]) -> None:
    http, _ = client
    for page in ("/docs", "/redoc"):
        html = (await http.get(page)).text
        assert "cdn.jsdelivr.net" not in html and "https://" not in html
    asset = await http.get("/static-offline-docs/swagger-ui-bundle.js")
    assert asset.status_code == 200 and len(asset.content) > 100_000
