"""A real OpenID Connect provider for the tests: the embedded provider, seeded from Almere's configuration,
started once per session in its own data folder; and tokens fetched from it the way real clients do.

Registered from `tests/conftest.py` (`pytest_plugins`). `identity.user_token("coach.jansen", "planning")` logs
a professional in (authorization code + PKCE); `identity.client_token("zorg-flevoland", "care")` is an
organisation's client-credentials token. `identity.signing_keys()` lets a test forge tokens the provider
would have signed, to prove that the claims (expiry, issuer, audience) are checked, not only the signature.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from joserfc.jwk import KeySet

from tests.support.infra import artifact
from tooling.embedded_identity import EmbeddedIdentity
from tooling.embedded_stack import page_login_env
from tooling.identity_provider.credentials import Credentials
from tooling.identity_tokens import TokenSource

ROOT = Path(__file__).resolve().parents[2]
ALMERE = ROOT / "config" / "almere"


@dataclass
class IdentityProvider:
    embedded: EmbeddedIdentity
    tokens: TokenSource

    @property
    def issuer(self) -> str:
        return self.embedded.issuer

    @property
    def credentials(self) -> Credentials:
        return self.tokens.credentials

    def user_token(self, username: str, service: str) -> str:
        return self.tokens.for_user(username, f"wijk-{service}")

    def client_token(self, client_id: str, service: str) -> str:
        return self.tokens.for_client(client_id, f"wijk-{service}")

    def signing_keys(self) -> KeySet:
        path = self.embedded.data / "identity" / "signing-key.json"
        return KeySet.import_key_set(json.loads(path.read_text()))


@contextmanager
def provider_for(config: Path, data: Path) -> Iterator[IdentityProvider]:
    """A provider of its own, seeded from another municipality's folder (its professionals log in there)."""
    provider = EmbeddedIdentity(config, data, log_path=artifact(f"identity-{config.name}.log"))
    provider.start()
    try:
        yield IdentityProvider(provider, TokenSource(provider.issuer, provider.credentials()))
    finally:
        provider.stop()


@pytest.fixture(scope="session")
def identity(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IdentityProvider]:
    data = tmp_path_factory.mktemp("identity")
    provider = EmbeddedIdentity(ALMERE, data, log_path=artifact("identity.log"))
    provider.start()
    credentials = provider.credentials()
    os.environ.update(page_login_env(credentials))  # reporting's pages log in with this provider's dashboard client
    yield IdentityProvider(provider, TokenSource(provider.issuer, credentials))
    provider.stop()
