"""The HTTP edge answers a service's errors by their kind, and anything else as what it is: a 500 with a
correlation id that the log line with the traceback carries too. A stray KeyError is a bug, not a missing resource."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import httpx
import pytest
from fastapi import APIRouter, FastAPI

from kernel.errors import Conflict, Forbidden, NotFound, Refused
from wijk import telemetry
from wijk.http import create_http_app
from wijk.metrics import ServiceMetrics

pytestmark = pytest.mark.unit


class Gone(NotFound):
    """A NotFound whose service says more precisely 410."""


RAISED: dict[str, Exception] = {
    "missing": NotFound("no plan 7"),
    "taken": Conflict("decision 3 is already taken"),
    "invalid": Refused("amount_cents must be positive"),
    "stranger": Forbidden("'buurman' holds no mandate"),
    "erased": Gone("household 9 was erased"),
    "lookup": KeyError("provision_code"),
    "library": ValueError("invalid literal for int() with base 10: 'x'"),
}


async def _ready() -> dict[str, bool]:
    return {"store": True}


def service() -> FastAPI:
    telemetry.tracer_provider()  # a real tracer: the correlation id is the request's trace id
    app = create_http_app("probe", _ready, ServiceMetrics("probe"), {Gone: 410})
    router = APIRouter()
    for path, exc in RAISED.items():
        router.add_api_route(f"/{path}", raising(exc), methods=["GET"])
    app.include_router(router)
    return app


def raising(exc: Exception) -> Callable[[], Awaitable[None]]:
    async def handler() -> None:
        raise exc

    return handler


async def get(path: str) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=service()), base_url="http://probe") as client:
        return await client.get(path)


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/missing", 404, "not_found"),
        ("/taken", 409, "conflict"),
        ("/invalid", 422, "refused"),
        ("/stranger", 403, "forbidden"),
        ("/erased", 410, "gone"),
    ],
)
async def test_each_kind_has_its_status_and_says_what_was_wrong(path: str, status: int, code: str) -> None:
    response = await get(path)
    assert response.status_code == status
    assert response.json() == {"error": code, "detail": str(RAISED[path[1:]])}


@pytest.mark.parametrize("path", ["/lookup", "/library"])
async def test_a_stray_error_is_a_500_with_a_correlation_id_in_the_body_and_the_log(
    path: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="wijk.http"):
        response = await get(path)
    body = response.json()
    correlation = body["correlation_id"]
    assert response.status_code == 500 and body["error"] == "internal_error"
    assert correlation in body["detail"] and "provision_code" not in response.text and "int()" not in response.text
    assert response.headers["traceresponse"].split("-")[1] == correlation  # the trace id of the request
    [record] = [r for r in caplog.records if correlation in r.getMessage()]
    assert record.exc_info is not None and isinstance(record.exc_info[1], type(RAISED[path[1:]]))
    assert f"GET {path}" in record.getMessage()
