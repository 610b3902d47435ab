"""How this process authenticates to Kafka: nothing on the embedded broker (loopback), SASL/SCRAM-SHA-512 as its
own principal in compose (`WIJK_KAFKA_SECURITY_PROTOCOL`, `WIJK_KAFKA_USERNAME`, `WIJK_KAFKA_PASSWORD_FILE`).

Every Kafka client of the platform takes its options from here: the FastStream brokers (`broker_security`) and the
plain aiokafka clients (`client_options`: the relay's broker check, consumer lag, topic creation). The broker's
ACLs (infra/kafka/acls.sh) then let each principal write only its own topics.
"""

from __future__ import annotations

import ssl
from functools import lru_cache
from pathlib import Path
from typing import Any

from faststream.security import BaseSecurity, SASLScram512

from wijk.settings import PlatformSettings, SettingsError, load_settings

MECHANISM = "SCRAM-SHA-512"


@lru_cache
def _settings() -> PlatformSettings:
    return load_settings(PlatformSettings)


def credentials(settings: PlatformSettings | None = None) -> tuple[str, str] | None:
    """The principal and its password, or None on PLAINTEXT; SettingsError when SASL lacks either."""
    settings = settings or _settings()
    if settings.kafka_security_protocol == "PLAINTEXT":
        return None
    if not settings.kafka_username or not settings.kafka_password_file:
        raise SettingsError(
            f"WIJK_KAFKA_SECURITY_PROTOCOL={settings.kafka_security_protocol} needs WIJK_KAFKA_USERNAME and "
            "WIJK_KAFKA_PASSWORD_FILE"
        )
    try:
        password = Path(settings.kafka_password_file).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SettingsError(f"WIJK_KAFKA_PASSWORD_FILE: {exc}") from None
    if not password:
        raise SettingsError("WIJK_KAFKA_PASSWORD_FILE is empty")
    return settings.kafka_username, password


def client_options(settings: PlatformSettings | None = None) -> dict[str, Any]:
    """Keyword arguments for an aiokafka client: empty on PLAINTEXT."""
    settings = settings or _settings()
    found = credentials(settings)
    if found is None:
        return {}
    options: dict[str, Any] = {
        "security_protocol": settings.kafka_security_protocol,
        "sasl_mechanism": MECHANISM,
        "sasl_plain_username": found[0],
        "sasl_plain_password": found[1],
    }
    if settings.kafka_security_protocol == "SASL_SSL":
        options["ssl_context"] = ssl.create_default_context()
    return options


def broker_security(settings: PlatformSettings | None = None) -> BaseSecurity | None:
    """The `security` of a FastStream KafkaBroker: None on PLAINTEXT."""
    settings = settings or _settings()
    found = credentials(settings)
    if found is None:
        return None
    return SASLScram512(found[0], found[1], use_ssl=settings.kafka_security_protocol == "SASL_SSL")
