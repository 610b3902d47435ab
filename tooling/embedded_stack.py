"""The embedded stack: PostgreSQL, the Tansu broker and the OpenID Connect provider as child processes, and
every service supervised.

Data lives under one folder (`.wijk/` by default): PostgreSQL's data, each service's log and spans (`traces/`,
for `wijk trace`), and the demo's secrets (`secrets.env`, 0600, made on first use: `embedded_secrets`). Tansu
keeps nothing on disk, so every start meets an empty broker; the services' outbox relays rebuild the bus from the
stores, but partner signals the broker acknowledged and intake had not yet read are lost: the embedded stack is
for development and demonstration (`wijk up` says so), production runs Apache Kafka as in docker-compose.yml.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import psutil

from kernel.municipality import config_dir
from tooling.embedded_broker import EmbeddedBroker
from tooling.embedded_identity import EmbeddedIdentity
from tooling.embedded_postgres import EmbeddedPostgres, PgEndpoint
from tooling.embedded_secrets import demo_secrets
from tooling.identity_provider.credentials import Credentials
from tooling.identity_tokens import Identity, ServiceAuth, TokenSource, default_identities
from tooling.pg_roles import passwords_from_env, provision, role_name
from tooling.supervisor import Supervisor
from wijk.settings import DEFAULT_PORTS, SERVICES, PlatformSettings

EMBEDDED_BROKER_LIMIT = (
    "it keeps nothing on disk: the relays republish the facts from the stores after a restart, but partner "
    "signals it acknowledged and intake had not yet read are lost. Production: docker-compose.yml, "
    "docs/deployment.md"
)


def page_login_env(credentials: Credentials) -> dict[str, str]:
    """Reporting's pages log in with the provider's dashboard client; its secret and the session secret are the
    ones the provider generated for this data folder."""
    return {
        "WIJK_REPORTING_DASHBOARD_CLIENT_SECRET": credentials.secret("wijk-dashboard"),
        "WIJK_REPORTING_SESSION_SECRET": credentials.session_secret,
    }


class StackError(RuntimeError):
    """The embedded stack could not start; the message says what to look at."""


EMBEDDED_BROKER_PORT = 29092
"""The broker port of `wijk up` (fixed, so that the printed bootstrap and the operator tools find it)."""


def settings_of(pg: PgEndpoint, bootstrap: str) -> PlatformSettings:
    """The platform settings that reach an embedded PostgreSQL and broker, for commands run beside the stack."""
    return PlatformSettings(
        kafka_bootstrap=bootstrap, pg_host=pg.host, pg_port=pg.port, pg_user=pg.user,
        pg_password=pg.password, pg_dbname=pg.dbname,
    )  # fmt: skip


class EmbeddedStack:
    def __init__(
        self,
        data_dir: Path,
        broker_port: int = EMBEDDED_BROKER_PORT,
        ports: dict[str, int] | None = None,
        identity_port: int | None = None,
        replicas: dict[str, list[int]] | None = None,
        care_speaks_iwmo: bool = False,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.ports = {**DEFAULT_PORTS, **(ports or {})}
        self.replicas = dict(replicas or {})
        self.care_speaks_iwmo = care_speaks_iwmo
        """Care's providers marked `"exchange": "iwmo"` read their mailbox and report in XML (`wijk simulate`
        follows them through care's `/iwmo` routes); off, care reports for every provider in JSON facts (the
        demo's and the bench's drivers follow care's JSON assignments)."""
        """More instances of a service, by the HTTP ports they listen on: `planning-2`, `planning-3`, ..."""
        self.postgres = EmbeddedPostgres(self.data_dir / "postgres", dbname="wijk")
        self.broker = EmbeddedBroker(port=broker_port, log_path=self.data_dir / "logs" / "tansu.log")
        self.config = config = config_dir(PlatformSettings().municipality_config)
        self.identity = EmbeddedIdentity(
            config, self.data_dir, port=identity_port, log_path=self.data_dir / "logs" / "identity.log"
        )
        self.supervisor = Supervisor(self.data_dir / "logs")

    def url(self, service: str) -> str:
        """The first instance of a service, or a named instance (`planning-2`)."""
        return f"http://127.0.0.1:{self.instances()[service]}"

    def instances(self) -> dict[str, int]:
        """Every service process by name and HTTP port: one per service, more where `replicas` asks."""
        found = {name: self.ports[name] for name in SERVICES}
        for name, ports in self.replicas.items():
            found.update({f"{name}-{number}": port for number, port in enumerate(ports, start=2)})
        return found

    def traces(self, instance: str) -> str:
        """The file an instance appends its spans to (OTLP JSON lines, read by `wijk trace`): one per process, so
        that no two processes write to one file."""
        return str(self.data_dir / "traces" / f"{instance}.jsonl")

    def settings(self) -> PlatformSettings:
        """The platform settings of this running stack, for commands run beside it (a rebuild, a report)."""
        return settings_of(self.postgres.endpoint, self.broker.bootstrap)

    def start(self, say: Callable[[str], None] = print) -> None:
        (self.data_dir / "logs").mkdir(parents=True, exist_ok=True)
        say(f"PostgreSQL   starting (data in {self.data_dir / 'postgres'})")
        endpoint = self.postgres.start()
        say("Kafka broker starting (Tansu, in memory: for development and demonstration only)")
        say(f"             {EMBEDDED_BROKER_LIMIT}")
        bootstrap = self.broker.start()
        issuer = self.identity.start()
        say(f"OpenID Connect provider {issuer} (ready in {self.identity.started_in or 0:.1f} s; keys and")
        say(f"             credentials generated in {self.data_dir / 'identity'}, readable by you only)")
        secrets = demo_secrets(self.data_dir)
        passwords = passwords_from_env(secrets)
        provision(endpoint.dsn(), passwords)  # as the server's superuser; every service then runs as its own role
        say(f"             a PostgreSQL role per service ({role_name('<service>')}), none a superuser")
        secrets = {name: value for name, value in secrets.items() if not name.startswith("WIJK_PG_PASSWORD_")}
        env = {**os.environ, **secrets, **endpoint.env(), "WIJK_KAFKA_BOOTSTRAP": bootstrap}
        env["WIJK_IDENTITY_ISSUER"] = issuer  # every service validates this provider's tokens, and only those
        env.update(page_login_env(self.identity.credentials()))
        for name in SERVICES:
            env[f"WIJK_{name.upper()}_HTTP_PORT"] = str(self.ports[name])
        env.update(self.gateway_client())
        for name, port in self.instances().items():
            service = name.split("-")[0]
            own = {**env, f"WIJK_{service.upper()}_HTTP_PORT": str(port), "WIJK_OTEL_TRACES_FILE": self.traces(name)}
            own.update({"WIJK_PG_USER": role_name(service), "WIJK_PG_PASSWORD": passwords[service] or ""})
            self.supervisor.add(name, [sys.executable, "-m", "tooling.cli", "service", service], own)
        say(f"services     starting: {', '.join(SERVICES)} (logs in {self.data_dir / 'logs'})")
        self.supervisor.start()
        self.wait_ready(say)

    def gateway_client(self) -> dict[str, str]:
        """The iWmo gateway's own client at the provider (it asks intake for a 301's client data) and where intake
        answers; and, when `care_speaks_iwmo`, care's XML providers (`"exchange": "iwmo"` in providers.json), each
        reading its mailbox at the gateway with its own client's secret, every second."""
        credentials = self.identity.credentials()
        gateway = {
            "WIJK_IWMO_CLIENT_SECRET": credentials.secret("wijk-iwmo"),
            "WIJK_IWMO_INTAKE_URL": f"http://127.0.0.1:{self.ports['intake']}",
        }
        if not self.care_speaks_iwmo:
            return gateway
        speaking = [p["id"] for p in _providers(self.config) if p.get("exchange") == "iwmo"]
        return {
            **gateway,
            "WIJK_CARE_IWMO_URL": f"http://127.0.0.1:{self.ports['iwmo']}",
            "WIJK_CARE_IWMO_CLIENT_SECRETS": json.dumps({p: credentials.secret(p) for p in speaking}),
            "WIJK_CARE_IWMO_POLL_SECONDS": "1",
        }

    def wait_ready(self, say: Callable[[str], None], timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        pending = set(self.instances())
        while pending:
            for name in sorted(pending):
                if self._ready(name):
                    pending.discard(name)
                    say(f"  ready      {name:<11} {self.url(name)}")
            failed = [n for n, s in self.supervisor.status().items() if s == "failed"]
            if failed:
                raise StackError(f"{', '.join(failed)} keeps crashing; see {self.data_dir / 'logs'}")
            if pending and time.monotonic() > deadline:
                raise StackError(f"not ready after {timeout:.0f}s: {', '.join(sorted(pending))}; see the logs")
            time.sleep(0.3)

    def _ready(self, name: str) -> bool:
        """Whether `name` answers ready on its port; a StackError when what answers is another process (the
        service could not bind its port, and a client would talk to a stranger)."""
        try:
            ready = httpx.get(f"{self.url(name)}/ready", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False
        port = self.instances()[name]
        if ready and not _listens(self.supervisor.pids().get(name), port):
            log = self.data_dir / "logs" / f"{name}.log"
            raise StackError(f"{name} does not hold its port {port}: another process answers there; see {log}")
        return ready

    def tokens(self) -> TokenSource:
        """Tokens from this stack's provider, with the credentials it generated (as an operator hands them out)."""
        return TokenSource(self.identity.issuer, self.identity.credentials())

    def auth(self, identities: dict[str, Identity] | None = None) -> ServiceAuth:
        """An httpx auth that sends each request to a service of this stack with a token for that service: as
        the municipality's default identity per service, or as `identities` says."""
        urls = {name: self.url(name) for name in self.instances()}
        return ServiceAuth(self.tokens(), urls, {**default_identities(self.config), **(identities or {})})

    def stop(self) -> None:
        self.supervisor.stop()
        self.identity.stop()
        self.broker.stop()
        self.postgres.stop()


def _listens(pid: int | None, port: int) -> bool:
    """Whether process `pid` itself listens on TCP `port`."""
    if pid is None:
        return False
    try:
        connections = psutil.Process(pid).net_connections(kind="tcp")
    except psutil.Error:
        return False
    return any(c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port for c in connections)


def _providers(config: Path) -> list[dict[str, Any]]:
    """The care providers of the municipality's configuration set (`providers.json`), none when it has none."""
    path = config / "providers.json"
    if not path.exists():
        return []
    return list(json.loads(path.read_text(encoding="utf-8")).get("providers", []))
