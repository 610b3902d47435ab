"""Access control for one service, from its settings: the issuer, the municipality's identity.json and rights.

With `WIJK_IDENTITY_ISSUER` set, every non-public route needs a valid token and the access log is on. Without
it (until every client of the platform fetches tokens: issue 12, second half) the guard still stands in front
of every route but has no validator: routes that declare a right with `require` refuse with 401, the others
stay open, and the service says so loudly at start. The second half makes the issuer required.
"""

from __future__ import annotations

import logging

import asyncpg

from kernel.municipality import config_dir
from wijk.auth.access_log import AccessLog
from wijk.auth.claims import ClaimMapping
from wijk.auth.config import identity_config_path, load_resource_server_config
from wijk.auth.guard import AccessControl
from wijk.auth.rights import load_rights
from wijk.auth.tokens import TokenValidator
from wijk.settings import PlatformSettings

log = logging.getLogger(__name__)


async def access_control(service: str, settings: PlatformSettings, pool: asyncpg.Pool) -> AccessControl:
    rights = load_rights(override=config_dir(settings.municipality_config) / "rights.json")
    if not settings.identity_issuer:
        log.warning("%s: WIJK_IDENTITY_ISSUER is not set: routes without a declared right are OPEN", service)
        return AccessControl(service, rights, ClaimMapping(), validator=None)
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
