"""The objects authlib's server components ask for: clients, users and authorization codes, held in memory.

A token names one service: its scope holds exactly one service audience (`wijk-planning`), which becomes the
access token's `aud` (RFC 9068 section 3: the audience inferred from the scope). A request for two services,
or for one the client is not registered for, is refused with `invalid_scope` and says why.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from authlib.oauth2.rfc6749 import ClientMixin, InvalidScopeError
from authlib.oidc.core import AuthorizationCodeMixin

from tooling.identity_provider.credentials import Credentials
from tooling.identity_provider.seed import Person, Registration, Seed

OPENID_SCOPES = frozenset({"openid", "profile"})
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


@dataclass(frozen=True)
class User:
    person: Person
    subject: str
    password: str

    def get_user_id(self) -> str:
        return self.subject

    def check_password(self, password: str) -> bool:
        return secrets.compare_digest(self.password.encode(), password.encode())


@dataclass(frozen=True)
class Client(ClientMixin):
    registration: Registration
    secret: str | None

    @property
    def client_id(self) -> str:
        return self.registration.client_id

    @property
    def client_metadata(self) -> dict[str, str]:
        return {}

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        uris = self.registration.redirect_uris
        return uris[0] if len(uris) == 1 else None

    def get_allowed_scope(self, scope: str | None) -> str:
        requested = (scope or "").split()
        if not requested and len(self.registration.audiences) == 1:
            return self.registration.audiences[0]
        services = [s for s in requested if s in self.registration.audiences]
        others = set(requested) - set(services) - (OPENID_SCOPES if self.registration.kind != "service" else set())
        if others:
            raise InvalidScopeError(f"{self.client_id} may not ask for {', '.join(sorted(others))}")
        if len(services) != 1:
            names = ", ".join(self.registration.audiences)
            raise InvalidScopeError(f"ask for exactly one service's scope: one of {names}")
        return " ".join(requested)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        """Exact match; for loopback addresses any port (RFC 8252 section 7.3), as the port is picked at run time."""
        return any(_same_redirect(redirect_uri, registered) for registered in self.registration.redirect_uris)

    def check_client_secret(self, client_secret: str) -> bool:
        return self.secret is not None and secrets.compare_digest(self.secret.encode(), client_secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if self.registration.kind == "public":
            return method == "none"
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and self.registration.kind != "service"

    def check_grant_type(self, grant_type: str) -> bool:
        if self.registration.kind == "service":
            return grant_type == "client_credentials"
        return grant_type == "authorization_code"


@dataclass
class AuthorizationCode(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: User
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time


class Directory:
    """Users, clients and the short-lived authorization codes (two minutes, single use)."""

    CODE_SECONDS = 120

    def __init__(self, seed: Seed, credentials: Credentials) -> None:
        self.users = {
            p.username: User(p, credentials.subject(p.username), credentials.password(p.username)) for p in seed.people
        }
        self.by_subject = {user.subject: user for user in self.users.values()}
        secrets_ = {client_id: entry["secret"] for client_id, entry in credentials.clients.items()}
        self.clients = {r.client_id: Client(r, secrets_.get(r.client_id)) for r in seed.registrations}
        self._codes: dict[str, AuthorizationCode] = {}
        self._lock = threading.Lock()

    def client(self, client_id: str) -> Client | None:
        return self.clients.get(client_id)

    def login(self, username: str, password: str) -> User | None:
        user = self.users.get(username)
        return user if user is not None and user.check_password(password) else None

    def save_code(self, code: AuthorizationCode) -> None:
        with self._lock:
            self._codes[code.code] = code

    def take_code(self, code: str, client_id: str) -> AuthorizationCode | None:
        with self._lock:
            found = self._codes.get(code)
        fresh = found is not None and time.time() - found.auth_time < self.CODE_SECONDS
        return found if fresh and found is not None and found.client_id == client_id else None

    def delete_code(self, code: str) -> None:
        with self._lock:
            self._codes.pop(code, None)

    def nonce_used(self, nonce: str, client_id: str) -> bool:
        with self._lock:
            return any(c.nonce == nonce and c.client_id == client_id for c in self._codes.values())


def _same_redirect(given: str, registered: str) -> bool:
    if given == registered:
        return True
    a, b = urlsplit(given), urlsplit(registered)
    same = a.scheme == b.scheme == "http" and (a.hostname, a.path, a.query) == (b.hostname, b.path, b.query)
    return same and a.hostname in LOOPBACK
