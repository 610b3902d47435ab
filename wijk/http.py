"""The HTTP side every service shares: FastAPI with health and readiness, clear errors, and a server span.

Errors are never a traceback. Request validation gives 422 with each field's problem. A service's own errors are
answered by their kind (`kernel.errors`): NotFound 404, Conflict 409, Refused 422, Forbidden 403, each with a
machine-readable code (the error's class name) and a readable message; a service may refine a kind's status for
one error (intake answers an erased household 410 Gone). Anything else is a bug or an outage: 500, with a
correlation id (the request's trace id) in the body and in the log line that holds the traceback.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.telemetry import TelemetryConfig
from fastapi_offline import FastAPIOffline
from opentelemetry import propagate, trace
from opentelemetry.trace import Span, SpanKind, Status, StatusCode
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kernel import clock
from kernel.errors import Conflict, DomainError, Forbidden, NotFound, Refused
from wijk.metrics import CONTENT_TYPE, ServiceMetrics
from wijk.settings import PlatformSettings
from wijk.web_guard import MAX_BODY_BYTES, WebGuard

log = logging.getLogger(__name__)
ReadinessCheck = Callable[[], Awaitable[dict[str, bool]]]
UNROUTED = "unrouted"
"""The route label of a request that matched no route (a 404, or one refused before routing): never its path."""
KIND_STATUS: dict[type[DomainError], int] = {NotFound: 404, Conflict: 409, Refused: 422, Forbidden: 403}
"""The only errors the edge answers as the client's: each by its kind."""


def problem(status: int, code: str, detail: Any, **extra: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": code, "detail": detail, **extra})


class TraceMiddleware:
    """A SERVER span per request, continuing the caller's `traceparent` when it sends one, and the request's
    duration in the service's histogram by route template and status.

    The span is named after the route template once routing has run (`GET /plans/{plan_id}`, bounded), and
    carries the household the request turned out to be about (`wijk.household`, from the access check), so that
    `wijk trace` finds a household's reads too.

    Plain ASGI rather than Starlette's `BaseHTTPMiddleware`, which runs every request in an extra task through
    memory streams: the profile showed that wrapper among the largest per-request costs.
    """

    def __init__(self, app: ASGIApp, service: str, metrics: ServiceMetrics | None = None) -> None:
        self.app, self.service, self.metrics = app, service, metrics
        self.tracer = trace.get_tracer(f"wijk.http.{service}")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]}
        context = propagate.extract(headers)
        name = f"{scope['method']} {scope['path']}"
        began, status = time.perf_counter(), 500
        with self.tracer.start_as_current_span(name, context=context, kind=SpanKind.SERVER) as span:
            span.set_attribute("wijk.service", self.service)
            started = False

            async def send_with_traceresponse(message: Message) -> None:
                nonlocal started, status
                if message["type"] == "http.response.start":
                    started, status = True, message["status"]
                    span.set_attribute("http.response.status_code", message["status"])
                    carrier: dict[str, str] = {}
                    propagate.inject(carrier)
                    if "traceparent" in carrier:  # W3C Trace Context level 2: the client can continue this trace
                        extra = (b"traceresponse", carrier["traceparent"].encode("latin-1"))
                        message = {**message, "headers": [*message.get("headers", []), extra]}
                await send(message)

            try:
                await self.app(scope, receive, send_with_traceresponse)
            except Exception as exc:
                if started:  # the answer is under way: nothing else can be said to the client
                    raise
                answer = self.internal_error(span, name, exc)
                await answer(scope, receive, send_with_traceresponse)
            finally:
                self.observe(scope, span, status, time.perf_counter() - began)

    def observe(self, scope: Scope, span: Span, status: int, seconds: float) -> None:
        route = getattr(scope.get("route"), "path", None)
        if route is not None:
            span.update_name(f"{scope['method']} {route}")
            span.set_attribute("http.route", route)
        access = scope.get("state", {}).get("access")
        household = getattr(getattr(access, "resource", None), "household", None)
        if household:
            span.set_attribute("wijk.household", str(household))
        if self.metrics is not None:
            self.metrics.request(scope["method"], route or UNROUTED, status, seconds)

    def internal_error(self, span: Span, request: str, exc: Exception) -> JSONResponse:
        """A 500 whose correlation id is also in the log line with the traceback, so support can find one in the
        other; the body says nothing else about the failure."""
        correlation = correlation_id(span)
        span.record_exception(exc)
        span.set_status(Status(StatusCode.ERROR, type(exc).__name__))
        log.error("%s: %s failed (correlation id %s)", self.service, request, correlation, exc_info=exc)
        detail = f"an unexpected error; quote correlation id {correlation} when reporting it"
        return problem(500, "internal_error", detail, correlation_id=correlation)


def correlation_id(span: Span) -> str:
    """The request's trace id, or a random id when the request is not traced."""
    context = span.get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else uuid.uuid4().hex


NO_NATIVE_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False, "operation_spans": False}
"""FastAPI's own OpenTelemetry (0.165+) is off: `TraceMiddleware` makes the request's server span (with the
`traceresponse` header) and `ServiceMetrics` its metrics. Left on, FastAPI added a second server span and three
operation spans (dependencies, endpoint, serialization) to every request: 29% of the embedded stack's spans, each
made and written to the trace file (issue 14)."""


def create_http_app(
    service: str,
    ready: ReadinessCheck,
    metrics: ServiceMetrics,
    refinements: Mapping[type[DomainError], int] | None = None,
    description: str = "",
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """A service's FastAPI app; `refinements` give one error a more precise status than its kind's."""
    app = FastAPIOffline(  # Swagger UI and ReDoc from the fastapi-offline package, not a public CDN
        title=f"wijkteam {service}", version="1.0.0", description=description, max_body_size=max_body_bytes,
        telemetry=NO_NATIVE_TELEMETRY,
    )  # fmt: skip
    app.add_middleware(WebGuard, trusted_origins=PlatformSettings().trusted_origins.split(","))
    app.add_middleware(TraceMiddleware, service=service, metrics=metrics)

    @app.get("/health", tags=["operations"], summary="Liveness: the process answers")
    async def health() -> dict[str, str]:
        simulated = clock.simulated_day()  # simulation mode says so wherever anyone looks
        on = {"clock": f"simulated {simulated.day.isoformat()}"} if simulated else {}
        return {"status": "ok", "service": service, **on}

    @app.get("/ready", tags=["operations"], summary="Readiness: the store takes writes, the broker answers")
    async def readiness() -> JSONResponse:
        checks = await ready()
        status = 200 if all(checks.values()) else 503
        return JSONResponse(status_code=status, content={"ready": status == 200, "checks": checks})

    @app.get("/metrics", tags=["operations"], summary="Prometheus text: latencies, lags, throughput, dead letters")
    async def prometheus() -> Response:
        return Response(await metrics.exposition(), media_type=CONTENT_TYPE)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        fields = [{"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in exc.errors()]
        return problem(422, "invalid_request", fields)

    for kind, status in {**KIND_STATUS, **(refinements or {})}.items():
        app.add_exception_handler(kind, _answer(status))  # the most specific class of an error wins
    return app


def _answer(status: int) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    async def answer(_: Request, exc: Exception) -> JSONResponse:
        return problem(status, _code(exc), str(exc))

    return answer


def _code(exc: Exception) -> str:
    name = type(exc).__name__
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


class EmbeddedServer(uvicorn.Server):
    """uvicorn inside our own event loop: the service runtime, not uvicorn, owns the signals."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def http_server(app: FastAPI, host: str, port: int) -> EmbeddedServer:
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off", access_log=False)
    return EmbeddedServer(config)
