"""Access control for one service, from its settings: the issuer, the municipality's identity.json and rights.

`WIJK_IDENTITY_ISSUER` is required: a service refuses to start without it (there is no open mode). Every
non-public route needs a valid token of that issuer, and the access log is on.
"""

from __future__ import annotations

import logging

import asyncpg

from kernel.municipality import config_dir
from wijk.auth.access_log import AccessLog
from wijk.auth.config import identity_config_path, load_resource_server_config
from wijk.auth.guard import AccessControl
from wijk.auth.rights import load_rights
from wijk.auth.tokens import TokenValidator
from wijk.settings import PlatformSettings, SettingsError

log = logging.getLogger(__name__)


def require_issuer(service: str, settings: PlatformSettings) -> str:
    """The issuer every token must come from; a SettingsError naming the setting when there is none."""
    if not settings.identity_issuer.strip():
        raise SettingsError(
            f"{service}: WIJK_IDENTITY_ISSUER is not set: give the OpenID Connect issuer whose tokens this service "
            "accepts (docs/identity.md); no service runs without one"
        )
    return settings.identity_issuer


async def access_control(service: str, settings: PlatformSettings, pool: asyncpg.Pool) -> AccessControl:
    rights = load_rights(override=config_dir(settings.municipality_config) / "rights.json")
    require_issuer(service, settings)
    config = load_resource_server_config(identity_config_path(settings.identity_config, settings.municipality_config))
    validator = TokenValidator(
        settings.identity_issuer, config.audience(service), config.token_type, config.leeway_seconds
    )
    access_log = AccessLog(pool, service)
    await access_log.setup()
    return AccessControl(service, rights, config.claims, validator, access_log)


def access_metrics(control: AccessControl | None) -> dict[str, float]:
    if control is None or control.access_log is None:
        return {}
    return {
        "wijk_access_log_written_total": control.access_log.written,
        "wijk_access_log_backlog": control.access_log.backlog,
        "wijk_access_log_failures_total": control.access_log.failures,
    }
