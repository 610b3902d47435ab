"""One stack of its own for the gateway's tests: every service with the identity provider's issuer set (the
session's shared stack has none, and the mailbox and intake's client route answer only to tokens), the gateway
asking intake for client data with its own client credentials, a file drop, and a short retry of held 301s.
The tests of this package share it and keep apart by their own households."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.conftest import dismantle, isolated
from tests.integration.iwmo.gateway import Gateway
from tests.support.identity import IdentityProvider
from tooling.embedded_postgres import EmbeddedPostgres


@pytest.fixture(scope="package")
def drop_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("iwmo-drop")


@pytest.fixture(scope="package")
def gateway_env(identity: IdentityProvider, drop_dir: Path) -> Iterator[dict[str, str]]:
    """The gateway's settings as the embedded stack gives them (the intake url is set once the ports are known)."""
    env = {
        "WIJK_IWMO_CLIENT_SECRET": identity.credentials.secret("wijk-iwmo"),
        "WIJK_IWMO_DROP_DIR": str(drop_dir),
        "WIJK_IWMO_DROP_POLL_SECONDS": "0.2",
        "WIJK_IWMO_RETRY_SECONDS": "0.5",
    }
    before = {name: os.environ.get(name) for name in [*env, "WIJK_IWMO_INTAKE_URL"]}
    os.environ.update(env)
    yield env
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="package")
async def gateway(
    postgres: EmbeddedPostgres, identity: IdentityProvider, gateway_env: dict[str, str], drop_dir: Path
) -> AsyncIterator[Gateway]:
    stack, server = await isolated(postgres, identity)
    os.environ["WIJK_IWMO_INTAKE_URL"] = stack.url("intake")
    try:
        await stack.start()
        yield Gateway(stack, identity, drop_dir)
    finally:
        await dismantle(stack, server, postgres)
