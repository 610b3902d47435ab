"""Every setting of the platform, declared once with a default and a description.

The same names are used in embedded mode (set by `wijk up`) and in docker-compose; only the values differ.
`docs/configuration.md` is generated from these classes (`wijk settings-doc`).
"""

from __future__ import annotations

import os
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class PlatformSettings(BaseSettings):
    """Settings shared by every service (environment prefix `WIJK_`)."""

    model_config = SettingsConfigDict(env_prefix="WIJK_", extra="ignore")

    kafka_bootstrap: str = Field("127.0.0.1:29092", description="Kafka bootstrap servers, comma separated.")
    pg_host: str = Field("127.0.0.1", description="PostgreSQL host name, or the directory of its Unix socket.")
    pg_port: int = Field(5432, description="PostgreSQL port.")
    pg_user: str = Field("postgres", description="PostgreSQL user.")
    pg_password: str = Field("", description="PostgreSQL password (empty for trust or socket auth).")
    pg_dbname: str = Field("wijk", description="PostgreSQL database holding every service's schema.")
    topic_partitions: int = Field(
        4, description="Partitions per fact topic. Never change after go-live: it moves households between partitions."
    )
    otel_endpoint: str = Field(
        "", description="OTLP/HTTP endpoint for traces (e.g. http://otel-collector:4318). Empty: no export."
    )
    persistence: Literal["postgres", "popo"] = Field(
        "postgres",
        description="Where every service keeps its events: postgres, or popo (eventsourcing's plain Python objects in "
        "memory, gone with the process: the application tests). A running service needs postgres.",
    )
    dead_letter_attempts: int = Field(3, description="Attempts before an unprocessable message is dead-lettered.")
    consumer_session_timeout_ms: int = Field(
        10_000,
        ge=1_000,
        description="Kafka consumer session timeout: a consumer silent this long leaves its group. The embedded "
        "broker makes every group join wait half of it (the tests use 2000).",
    )
    relay_batch_size: int = Field(500, description="Notifications the outbox relay reads per batch.")
    relay_poll_seconds: float = Field(
        1.0,
        description="The relay's fallback poll: it wakes on every commit of its own service, and polls for the rest.",
    )
    log_level: str = Field("INFO", description="Log level of every service.")
    term_check_seconds: float = Field(
        60.0, description="Seconds between checks for missed statutory terms (intake's clocks, debt's Wgs terms)."
    )
    blind_index_secret: str = Field(
        "dev-only-blind-index-secret-change-me",
        description="HMAC secret of intake's blind indexes (BSN, address) for matching partner signals. Set it.",
    )
    partners_config: str = Field(
        "",
        description="Path of the partner registration file; empty: partners.json beside municipality_config.",
    )
    municipality_config: str = Field(
        "", description="Path of the municipality's configuration file; empty: config/almere/municipality.json."
    )

    def pg_dsn(self) -> str:
        """A libpq connection string that works for TCP hosts and for socket directories alike."""
        password = f" password={self.pg_password}" if self.pg_password else ""
        return f"host={self.pg_host} port={self.pg_port} user={self.pg_user} dbname={self.pg_dbname}{password}"


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
}
SERVICES = tuple(DEFAULT_PORTS)
