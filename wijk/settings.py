"""The platform's settings, declared once with a default and a description; each service adds its own.

`PlatformSettings` holds what every service reads (broker, PostgreSQL, telemetry, the municipality); a service's own
settings live with it (`services/<name>/settings.py`, environment prefix `WIJK_<SERVICE>_`). The same names are used
in embedded mode (set by `wijk up`) and in docker-compose; only the values differ. `wijk settings-doc` prints the
table of `docs/deployment.md` from these classes.
"""

from __future__ import annotations

import os
from typing import Any, Literal, TypeVar

from psycopg.conninfo import make_conninfo
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

S = TypeVar("S", bound=BaseSettings)
KNOWN_DEFAULT_SECRETS = frozenset(
    {"dev-only-blind-index-secret-change-me", "change-me", "change-me-too", "changeme", "secret", "password"}
)
MIN_SECRET_LENGTH = 32


class SettingsError(RuntimeError):
    """Settings a service cannot start with; the message names each environment variable and its problem."""


def load_settings(cls: type[S], **overrides: Any) -> S:
    """The settings of `cls` from the environment, or SettingsError saying which variables are missing or wrong."""
    try:
        return cls(**overrides)
    except ValidationError as exc:
        prefix = str(cls.model_config.get("env_prefix", ""))
        problems = [_problem(prefix, error["loc"], error["msg"]) for error in exc.errors()]
        raise SettingsError(f"{cls.__name__}: " + "; ".join(problems)) from None


def _problem(prefix: str, location: tuple[Any, ...], message: str) -> str:
    """One problem, named by its environment variable: `WIJK_INTAKE_BLIND_INDEX_SECRET: Field required`."""
    message = message.removeprefix("Value error, ")
    return f"{prefix}{'_'.join(map(str, location)).upper()}: {message}" if location else message


def check_secret(value: str) -> str:
    """A secret a service may run with: long enough, and none of the well-known placeholder values."""
    if value.strip().lower() in KNOWN_DEFAULT_SECRETS or "change-me" in value.lower():
        raise ValueError("this is a known default secret: generate one, e.g. `openssl rand -base64 32`")
    if len(value) < MIN_SECRET_LENGTH:
        raise ValueError(f"a secret has at least {MIN_SECRET_LENGTH} characters")
    return value


class PlatformSettings(BaseSettings):
    """Settings shared by every service (environment prefix `WIJK_`)."""

    model_config = SettingsConfigDict(env_prefix="WIJK_", extra="ignore")

    kafka_bootstrap: str = Field("127.0.0.1:29092", description="Kafka bootstrap servers, comma separated.")
    kafka_security_protocol: Literal["PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT",
        description="PLAINTEXT only for the embedded broker on loopback; compose: SASL_PLAINTEXT on its internal "
        "network, SASL_SSL anywhere else (infra/kafka/README.md).",
    )
    kafka_username: str = Field("", description="The service's own Kafka principal for SASL/SCRAM-SHA-512.")
    kafka_password_file: str = Field("", description="File holding the Kafka principal's password (a secret).")
    pg_host: str = Field("127.0.0.1", description="PostgreSQL host name, or the directory of its Unix socket.")
    pg_port: int = Field(5432, description="PostgreSQL port.")
    pg_user: str = Field(
        "postgres",
        description="The service's own PostgreSQL role, wijk_<service> (`wijk db provision`); a service refuses to "
        "start as a superuser. The admin for operator commands (backup, restore, provision).",
    )
    pg_password: str = Field(
        "", description="PostgreSQL password (empty for trust or socket auth); a known placeholder is refused."
    )
    pg_dbname: str = Field("wijk", description="PostgreSQL database holding every service's schema.")
    pg_statement_timeout_seconds: float = Field(
        30.0, ge=0, description="PostgreSQL statement_timeout of every connection (0: none)."
    )
    pg_lock_timeout_seconds: int = Field(
        10, ge=0, description="PostgreSQL lock_timeout: how long a write waits for a lock (0: for ever)."
    )
    pg_idle_in_transaction_seconds: int = Field(
        60, ge=0, description="PostgreSQL idle_in_transaction_session_timeout: a stuck transaction is ended (0: never)."
    )
    topic_partitions: int = Field(
        4, description="Partitions per fact topic. Never change after go-live: it moves households between partitions."
    )
    otel_endpoint: str = Field(
        "", description="OTLP/HTTP endpoint for traces (e.g. http://otel-collector:4318). Empty: no export."
    )
    otel_traces_file: str = Field(
        "",
        description="File the service appends its spans to as OTLP JSON lines (`wijk trace` reads them); the embedded "
        "stack sets one per process under its data folder. Empty: none.",
    )
    consumer_lag_seconds: float = Field(
        10.0, gt=0, description="How often a service reads its consumer groups' lag from the broker for /metrics."
    )
    persistence: Literal["postgres", "popo"] = Field(
        "postgres",
        description="Where every service keeps its events: postgres, or popo (eventsourcing's plain Python objects in "
        "memory, gone with the process: the application tests). A running service needs postgres.",
    )
    dead_letter_attempts: int = Field(3, description="Attempts before an unprocessable message is dead-lettered.")
    sequence_jump_limit: int = Field(
        1_000_000,
        ge=1,
        description="A fact whose ce_sequence lies more than this past the highest position applied from its "
        "publisher is held, not applied (docs/adr/0005-sequence-epochs.md).",
    )
    consumer_session_timeout_ms: int = Field(
        10_000,
        ge=1_000,
        description="Kafka consumer session timeout: a consumer silent this long leaves its group. The embedded "
        "broker makes every group join wait half of it (the tests use 2000).",
    )
    consumer_fetch_wait_ms: int = Field(
        500,
        ge=10,
        le=5_000,
        description="How long the broker may hold an inbox's fetch when it has no record (Kafka's fetch.max.wait.ms). "
        "Kafka answers as soon as a record arrives, so this costs no latency there; the embedded Tansu broker answers "
        "only when it runs out, so an idle hop waits up to this long, and a shorter wait costs broker CPU on every "
        "idle fetch (docs/benchmarks.md). The tests use 100.",
    )
    consumer_batch_records: int = Field(
        100,
        ge=1,
        description="Most records an inbox takes from one poll as a batch: one worker-thread hop for its synchronous "
        "handlers and one offset commit (a poll returns as soon as any record is there; it never waits to fill one).",
    )
    relay_batch_size: int = Field(500, description="Notifications the outbox relay reads per batch.")
    relay_poll_seconds: float = Field(
        1.0,
        description="The relay's fallback poll: it wakes on every commit of its own service, and polls for the rest.",
    )
    log_level: str = Field("INFO", description="Log level of every service.")
    trusted_origins: str = Field(
        "",
        description="Browser origins (scheme://host[:port], comma separated) besides a service's own host that may "
        "send it state-changing requests, e.g. a portal on another host.",
    )
    partners_config: str = Field(
        "",
        description="Path of the partner registration file (intake admits signals by it, reporting names partners); "
        "empty: partners.json beside municipality_config.",
    )
    simulated_clock: str = Field(
        "",
        description="Simulation mode only (`wijk simulate`): a file holding the simulated date, which kernel.clock "
        "reads instead of the wall clock. Never set it in a deployment.",
    )
    municipality_config: str = Field(
        "", description="Path of the municipality's configuration file; empty: config/almere/municipality.json."
    )
    identity_issuer: str = Field(
        "",
        description="OpenID Connect issuer whose tokens every service validates (discovery and JWKS). Required: "
        "a service refuses to start without it.",
    )
    identity_config: str = Field(
        "", description="Path of identity.json (claims, audiences); empty: identity.json beside municipality_config."
    )

    @field_validator("pg_password")
    @classmethod
    def _not_a_placeholder(cls, value: str) -> str:
        if value.strip().lower() in KNOWN_DEFAULT_SECRETS:
            raise ValueError("this is a known default password: set the database's real one")
        return value

    def server_settings(self) -> dict[str, str]:
        """The timeouts every PostgreSQL session gets, as server settings (milliseconds; 0 is off)."""
        return {
            "statement_timeout": str(int(self.pg_statement_timeout_seconds * 1000)),
            "lock_timeout": str(self.pg_lock_timeout_seconds * 1000),
            "idle_in_transaction_session_timeout": str(self.pg_idle_in_transaction_seconds * 1000),
        }

    def pg_dsn(self) -> str:
        """A libpq connection string (quoted by psycopg) for TCP hosts and socket directories alike, with the
        session timeouts as `options`."""
        options = " ".join(f"-c {name}={value}" for name, value in self.server_settings().items())
        fields: dict[str, str | int] = {
            "host": self.pg_host,
            "port": self.pg_port,
            "user": self.pg_user,
            "dbname": self.pg_dbname,
        }
        if self.pg_password:
            fields["password"] = self.pg_password
        return make_conninfo("", **fields, options=options)


class ServiceSettings(BaseSettings):
    """Settings of one service process (environment prefix `WIJK_<SERVICE>_`, e.g. `WIJK_INTAKE_HTTP_PORT`)."""

    model_config = SettingsConfigDict(extra="ignore")

    http_host: str = Field("127.0.0.1", description="Address the service's HTTP API listens on.")
    http_port: int = Field(8000, description="Port of the service's HTTP API.")

    @classmethod
    def for_service(cls, name: str, **overrides: object) -> ServiceSettings:
        """The settings of service `name`; its port defaults to its own entry in DEFAULT_PORTS."""
        prefix = f"WIJK_{name.upper()}_"
        config = SettingsConfigDict(env_prefix=prefix, extra="ignore")
        prefixed: type[ServiceSettings] = type(f"{name.title()}Settings", (cls,), {"model_config": config})
        if f"{prefix}HTTP_PORT" not in os.environ:
            overrides.setdefault("http_port", DEFAULT_PORTS.get(name, 8000))
        return prefixed(**overrides)  # type: ignore[arg-type]


DEFAULT_PORTS = {
    "intake": 8101,
    "planning": 8102,
    "budget": 8103,
    "backoffice": 8104,
    "care": 8105,
    "debt": 8106,
    "reporting": 8107,
    "iwmo": 8108,
}
SERVICES = tuple(DEFAULT_PORTS)
