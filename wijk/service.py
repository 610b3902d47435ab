"""One service process: its store, its inbox, its outbox relay and its HTTP API, in one event loop.

Every service is described by a `ServiceDefinition`; this module alone knows how to wire one, so the seven
bootstraps cannot drift apart. `ServiceRuntime` starts and stops a service inside any event loop (tests run all
seven in one process); `serve()` runs one as its own process until SIGTERM or Ctrl-C.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from fastapi import APIRouter, FastAPI
from faststream.kafka import KafkaBroker
from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware

from contracts.envelope import source_urn
from contracts.topics import PUBLISHING_SERVICES, dead_letter, facts, replay
from kernel import clock
from kernel.errors import DomainError
from kernel.municipality import municipality_of
from wijk import runtime_metrics, telemetry, write_probe
from wijk.auth.browser import LOGIN_PATHS, BrowserClient, install_browser_login
from wijk.auth.guard import AccessControl
from wijk.auth.routes import install
from wijk.auth.wiring import access_control, require_issuer
from wijk.consumer import Inbox
from wijk.consumer_lag import ConsumerLag
from wijk.db import create_pool, refuse_superuser
from wijk.eventstore import ServiceApplication
from wijk.http import EmbeddedServer, create_http_app, http_server
from wijk.kafka_security import broker_security
from wijk.metrics import ServiceMetrics
from wijk.parked import ParkedStore
from wijk.relay import OutboxRelay, Translator
from wijk.sequence_guard import SequenceGuard, tracked_positions
from wijk.settings import SERVICES, PlatformSettings, ServiceSettings, load_settings
from wijk.topics import ensure_topics
from wijk.web_guard import MAX_BODY_BYTES

log = logging.getLogger(__name__)


@dataclass
class ServiceDefinition:
    """What makes a service: its application, how it publishes, what it consumes and which routes it serves."""

    name: str
    description: str
    build_app: Callable[[PlatformSettings], ServiceApplication] | None = None
    translate: Translator | None = None
    wire: Callable[[ServiceRuntime], None] = lambda runtime: None
    error_status: dict[type[DomainError], int] = field(default_factory=dict)
    """Only where an error's kind is not precise enough (HTTP answers every error by its kind, wijk.http)."""
    max_body_bytes: int = MAX_BODY_BYTES
    """The largest request body the service reads (413 beyond it); the iWmo gateway takes whole XML files."""
    browser_login: Callable[[ServiceRuntime], BrowserClient] | None = None
    """For a service with pages: its browser client, so that pages log in (code + PKCE, a session cookie)."""


class ServiceRuntime:
    def __init__(
        self,
        definition: ServiceDefinition,
        settings: PlatformSettings | None = None,
        service_settings: ServiceSettings | None = None,
    ) -> None:
        self.definition = definition
        self.name = definition.name
        self.settings = settings or PlatformSettings()
        self.service_settings = service_settings or ServiceSettings.for_service(self.name)
        self.router = APIRouter()
        self.extras: dict[str, Any] = {}
        self.app: ServiceApplication | None = None
        self.pool: asyncpg.Pool | None = None
        self.broker: KafkaBroker | None = None
        self.inbox: Inbox | None = None
        self.inboxes: list[Inbox] = []
        self.relay: OutboxRelay | None = None
        self.http: FastAPI | None = None
        self.access: AccessControl | None = None
        self._server: EmbeddedServer | None = None
        self._tasks: list[asyncio.Task[Any]] = []
        self.on_start: list[Callable[[], Any]] = []
        self.on_stop: list[Callable[[], Any]] = []
        self._periodic: list[tuple[str, float, Callable[[], object]]] = []
        self.metrics = ServiceMetrics(self.name, SERVICES)
        self.oin = municipality_of(self.settings.municipality_config).oin
        """The municipality's own OIN: every fact's `ce_source` names it (NL GOV profile)."""
        runtime_metrics.install(self)

    def source(self, service: str) -> str:
        """The `ce_source` of a service of this municipality: `urn:nld:oin:<OIN>:systeem:<service>`."""
        return source_urn(service, self.oin)

    def every(self, name: str, seconds: float, job: Callable[[], object]) -> None:
        """Run a synchronous job off the event loop every `seconds` while the service runs (first run at start).

        A failing round is logged and retried at the next interval: the jobs are idempotent checks (missed terms).
        """
        self._periodic.append((name, seconds, job))

    async def _repeat(self, name: str, seconds: float, job: Callable[[], object]) -> None:
        while True:
            try:
                await asyncio.to_thread(job)
            except Exception:
                log.exception("%s: periodic job %s failed; retrying in %.0f s", self.name, name, seconds)
            await asyncio.sleep(seconds)

    @property
    def base_url(self) -> str:
        return f"http://{self.service_settings.http_host}:{self.service_settings.http_port}"

    async def start(self) -> None:
        if self.settings.persistence != "postgres":
            raise RuntimeError(f"{self.name}: a running service keeps its events in postgres (WIJK_PERSISTENCE)")
        require_issuer(self.name, self.settings)
        await asyncio.to_thread(refuse_superuser, self.settings, self.name)
        simulated = clock.simulated_day()
        if simulated is not None:
            log.warning("%s: SIMULATED CLOCK, today is %s (simulation mode only)", self.name, simulated.day)
        provider = telemetry.tracer_provider(self.name, self.settings.otel_endpoint, self.settings.otel_traces_file)
        if self.definition.build_app is not None:
            self.app = await asyncio.to_thread(self.definition.build_app, self.settings)
        self.pool = await create_pool(self.settings)
        await write_probe.prepare(self.pool, self.name)
        broker = KafkaBroker(
            self.settings.kafka_bootstrap,
            middlewares=[KafkaTelemetryMiddleware(tracer_provider=provider)],
            client_id=f"wijk-{self.name}",
            graceful_timeout=10.0,
            security=broker_security(self.settings),
        )
        self.compose(broker)
        await self._guard_inboxes()
        runtime_metrics.prepare(self)
        await ensure_topics(self.settings.kafka_bootstrap, self._topics(), self.settings.topic_partitions)
        for hook in self.on_start:
            await hook()
        await broker.start()  # the inboxes consume from here on: after the start hooks
        self._start_relay()
        self._start_consumer_lag()
        for name, seconds, job in self._periodic:
            self._tasks.append(asyncio.create_task(self._repeat(name, seconds, job), name=f"{self.name}-{name}"))
        await self._start_http()
        log.info("%s started on %s", self.name, self.base_url)

    def compose(self, broker: KafkaBroker) -> None:
        """Wire the service onto a broker that has not started: its inboxes, handlers and subscriptions.

        The wiring tests call this with FastStream's in-memory `TestKafkaBroker` around the broker.
        """
        self.broker = broker
        self.inbox = self.add_inbox()
        self.definition.wire(self)
        for inbox in self.inboxes:
            if inbox.handlers:
                inbox.subscribe()

    def add_inbox(self, **options: Any) -> Inbox:
        """Another inbox of this service on its broker (intake's partner signals), with the platform's settings.

        By default every facts topic is checked: a fact on it must carry its publisher's `ce_source`.
        """
        assert self.broker is not None
        options.setdefault("publishers", {facts(s): self.source(s) for s in PUBLISHING_SERVICES})
        inbox = Inbox(
            self.name,
            self.broker,
            attempts=self.settings.dead_letter_attempts,
            session_timeout_ms=self.settings.consumer_session_timeout_ms,
            batch_records=self.settings.consumer_batch_records,
            fetch_wait_ms=self.settings.consumer_fetch_wait_ms,
            metrics=self.metrics,
            **options,
        )
        if self.app is not None and self.app.batches_facts:
            inbox.fact_batch = self.app.fact_batch  # a run of facts in one transaction
        self.inboxes.append(inbox)
        return inbox

    async def _guard_inboxes(self) -> None:
        """Every inbox parks its dead letters in the store; those of a tracking store also hold sequence jumps."""
        assert self.pool is not None
        parked = ParkedStore(self.pool, self.name)
        await parked.prepare()
        recorder = getattr(self.app, "process_recorder", None) if self.app is not None else None
        table = getattr(recorder, "tracking_table_name", None)
        known = tracked_positions(self.pool, self.name, table) if table else None
        for inbox in self.inboxes:
            inbox.parked = parked
            if known is not None and inbox.redact is False:  # partner signals carry no outbox sequence
                inbox.guard = SequenceGuard(known, self.settings.sequence_jump_limit)

    def _topics(self) -> list[str]:
        own = [facts(self.name)] if self.definition.translate else []
        inboxes = [topic for inbox in self.inboxes for topic in inbox.topics()]
        return [*own, *inboxes, dead_letter(self.name), replay(self.name)]

    def _start_relay(self) -> None:
        if self.app is None or self.definition.translate is None:
            return
        assert self.broker is not None and self.pool is not None
        self.relay = OutboxRelay(
            self.app,
            self.definition.translate,
            self.broker,
            self.pool,
            topic=facts(self.name),
            source=self.source(self.name),
            bootstrap=self.settings.kafka_bootstrap,
            partitions=self.settings.topic_partitions,
            batch_size=self.settings.relay_batch_size,
            poll_seconds=self.settings.relay_poll_seconds,
        )
        self._tasks.append(asyncio.create_task(self.relay.run(), name=f"{self.name}-relay"))

    def _start_consumer_lag(self) -> None:
        groups = {inbox.group: inbox.topics() for inbox in self.inboxes if inbox.handlers}
        if groups:
            lag = ConsumerLag(self.settings.kafka_bootstrap, groups, self.metrics, self.settings.consumer_lag_seconds)
            self._tasks.append(asyncio.create_task(lag.run(), name=f"{self.name}-consumer-lag"))

    async def _start_http(self) -> None:
        self.http = create_http_app(
            self.name,
            self.readiness,
            self.metrics,
            self.definition.error_status,
            self.definition.description,
            self.definition.max_body_bytes,
        )
        self.http.include_router(self.router)
        assert self.pool is not None
        self.access = await access_control(self.name, self.settings, self.pool)
        install(self.http, self.access)  # every route not on the public list is guarded, however it was added
        if self.definition.browser_login is not None:  # pages: a browser without a token is sent to log in
            self.access.with_public(LOGIN_PATHS).login_path = "/login"
            install_browser_login(self.http, self.definition.browser_login(self))
        self._server = http_server(self.http, self.service_settings.http_host, self.service_settings.http_port)
        task = asyncio.create_task(self._server.serve(), name=f"{self.name}-http")
        self._tasks.append(task)
        while not self._server.started:
            if task.done():
                raise RuntimeError(f"{self.name}: the HTTP API could not listen on {self.base_url}")
            await asyncio.sleep(0.02)

    async def readiness(self) -> dict[str, bool]:
        checks = {"store": False, "store_writes": False, "broker": False}
        if self.pool is not None:
            with contextlib.suppress(OSError, asyncpg.PostgresError):
                checks["store"] = await self.pool.fetchval("SELECT 1") == 1
            checks["store_writes"] = await write_probe.can_write(self.pool, self.name, self._events_table())
        if self.broker is not None:
            checks["broker"] = await self.broker.ping(timeout=2.0)
        return checks

    def _events_table(self) -> str | None:
        """The event store's table, whose write lock a stuck write would hold (None without a PostgreSQL store)."""
        table = getattr(getattr(self.app, "recorder", None), "events_table_name", None)
        return f'"{self.name}"."{table}"' if table else None

    async def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self.relay is not None:
            self.relay.stop()
        for task in self._tasks:
            if not task.get_name().endswith(("-relay", "-http")):
                task.cancel()
        if self._tasks:
            _, late = await asyncio.wait(self._tasks, timeout=15)
            for task in late:
                task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        for hook in self.on_stop:
            await hook()
        if self.access is not None:
            await self.access.close()
        if self.broker is not None:
            await self.broker.stop()
        if self.pool is not None:
            await self.pool.close()
        if self.app is not None:
            await asyncio.to_thread(self.app.close)
        log.info("%s stopped", self.name)


async def serve(definition: ServiceDefinition) -> None:
    """Run one service until SIGTERM or SIGINT, then stop it cleanly."""
    settings = load_settings(PlatformSettings)
    telemetry.configure_logging(settings.log_level)
    runtime = ServiceRuntime(definition, settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await runtime.start()
    await stop.wait()
    await runtime.stop()
