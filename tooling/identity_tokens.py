"""Tokens the way real clients get them, for the tools (demo, simulator, bench) and the tests.

An organisation (care provider, partner, debt assistance, operator) uses client credentials. A professional
logs in through the authorization code flow with PKCE as the public client `wijk-cli`: the login form is
filled in as a browser would, the code taken from the redirect and exchanged with the verifier. Tokens are
cached until shortly before they expire; each names exactly one service (its audience).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from tooling.identity_provider.credentials import Credentials
from tooling.identity_provider.seed import Seed, load_seed

CLI_CLIENT = "wijk-cli"
CLI_REDIRECT = "http://127.0.0.1/callback"


class TokenError(RuntimeError):
    """The provider refused; the message carries its error and description."""


@dataclass
class _Cached:
    token: str
    expires_at: float


class TokenSource:
    def __init__(self, issuer: str, credentials: Credentials, http: httpx.Client | None = None) -> None:
        self.issuer, self.credentials = issuer, credentials
        self.http = http or httpx.Client(timeout=10)
        self._metadata: dict[str, Any] | None = None
        self._cache: dict[tuple[str, str, str], _Cached] = {}
        self._lock = threading.Lock()  # tools fetch tokens from worker threads (ServiceAuth.async_auth_flow)

    @property
    def metadata(self) -> dict[str, Any]:
        if self._metadata is None:
            response = self.http.get(f"{self.issuer}/.well-known/openid-configuration")
            self._metadata = dict(response.raise_for_status().json())
        return self._metadata

    def for_client(self, client_id: str, audience: str) -> str:
        """An access token for organisation `client_id` to call the service with `audience` (client credentials)."""
        return self._cached(("client", client_id, audience), lambda: self._client_credentials(client_id, audience))

    def for_user(self, username: str, audience: str, scope: str = "") -> str:
        """An access token for professional `username` to call the service with `audience` (code + PKCE)."""
        return self._cached(("user", username, audience), lambda: self.login(username, audience, scope))

    def _cached(self, key: tuple[str, str, str], fetch: Callable[[], dict[str, Any]]) -> str:
        with self._lock:
            found = self._cache.get(key)
            if found is None or found.expires_at - 30 < time.time():
                response = fetch()
                found = _Cached(str(response["access_token"]), time.time() + float(response.get("expires_in", 60)))
                self._cache[key] = found
            return found.token

    def _client_credentials(self, client_id: str, audience: str) -> dict[str, Any]:
        auth = (client_id, self.credentials.secret(client_id))
        return self._token_request({"grant_type": "client_credentials", "scope": audience}, auth)

    def login(self, username: str, audience: str, scope: str = "", client_id: str = CLI_CLIENT) -> dict[str, Any]:
        """The whole token response of one login as `username` (access token, ID token when `openid` is asked)."""
        verifier, state = generate_token(64), generate_token(24)
        params = {
            "response_type": "code", "client_id": client_id, "redirect_uri": CLI_REDIRECT, "state": state,
            "scope": f"{scope} {audience}".strip(), "code_challenge": create_s256_code_challenge(verifier),
            "code_challenge_method": "S256",
        }  # fmt: skip
        form = {"username": username, "password": self.credentials.password(username)}
        answer = self.http.post(self.metadata["authorization_endpoint"], params=params, data=form)
        if answer.status_code != 302:
            raise TokenError(f"login as {username} refused: HTTP {answer.status_code}")
        query = parse_qs(urlsplit(answer.headers["location"]).query)
        if query.get("state") != [state] or "code" not in query:
            raise TokenError(f"login as {username}: unexpected redirect {answer.headers['location']}")
        body = {
            "grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": CLI_REDIRECT,
            "client_id": client_id, "code_verifier": verifier,
        }  # fmt: skip
        return self._token_request(body, None)

    def _token_request(self, body: dict[str, str], auth: tuple[str, str] | None) -> dict[str, Any]:
        response = self.http.post(self.metadata["token_endpoint"], data=body, auth=auth or httpx.USE_CLIENT_DEFAULT)
        payload = response.json()
        if response.status_code != 200:
            raise TokenError(f"{payload.get('error')}: {payload.get('error_description', '')}")
        return dict(payload)


@dataclass(frozen=True)
class Identity:
    """Who a tool or test acts as: a user (professional, staff: code + PKCE) or an organisation's client."""

    kind: Literal["user", "client"]
    name: str

    def token(self, tokens: TokenSource, audience: str) -> str:
        if self.kind == "user":
            return tokens.for_user(self.name, audience)
        return tokens.for_client(self.name, audience)


def user(username: str) -> Identity:
    return Identity("user", username)


def org(client_id: str) -> Identity:
    return Identity("client", client_id)


OPERATOR = org("wijk-operator")
"""The scheduled checks of statutory terms (role `operator`), a client of every municipality's identity.json."""

AS = "wijk_identity"
"""The request extension that names the identity of one request (`acting(identity)`), instead of the default."""


def acting(identity: Identity) -> dict[str, Any]:
    """`client.post(url, json=..., extensions=acting(user("t.visser")))`: this request as that identity."""
    return {AS: identity}


class ServiceAuth(httpx.Auth):
    """A bearer token on every request to one of the platform's services, fetched the way a real client does.

    The audience is the service the request's URL points at (`urls`: service -> base URL); the identity is the
    request's own (`acting(...)`) or the default for that service. A request to any other address goes out
    without a token, so no token leaks to a host that is not the service it was issued for.
    """

    def __init__(self, tokens: TokenSource, urls: Mapping[str, str], identities: Mapping[str, Identity]) -> None:
        self.tokens, self.identities = tokens, dict(identities)
        self.services = {_origin(url): name.split("-")[0] for name, url in urls.items()}  # planning-2: planning

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self._authorise(request)
        yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """In an event loop the token is fetched in a thread: a login must not stall the loop's other requests
        (their pooled connections would outlive the server's keep-alive meanwhile)."""
        await asyncio.to_thread(self._authorise, request)
        yield request

    def _authorise(self, request: httpx.Request) -> None:
        service = self.services.get((request.url.host, request.url.port))
        identity = request.extensions.get(AS) or (self.identities.get(service) if service else None)
        if service is not None and identity is not None:
            request.headers["Authorization"] = f"Bearer {identity.token(self.tokens, f'wijk-{service}')}"


def _origin(url: str) -> tuple[str, int | None]:
    parsed = httpx.URL(url)
    return parsed.host, parsed.port


def default_identities(config: Path, seed: Seed | None = None) -> dict[str, Identity]:
    """Who the tools act as per service unless a step says otherwise, from the municipality's seed: the
    municipality-wide professional (else the first professional) at intake and planning, the controller at
    budget, the backoffice at the backoffice, the council member at reporting, the first care provider at care
    and the iWmo gateway, the first debt assistance organisation at debt."""
    seed = seed or load_seed(config)

    def person(*roles: str) -> Identity:
        for role in roles:
            found = next((p for p in seed.people if role in p.roles), None)
            if found is not None:
                return user(found.username)
        raise TokenError(f"{config}: no user with role {' or '.join(roles)} to act as")

    def client(role: str) -> Identity:
        found = next((r for r in seed.registrations if role in r.roles), None)
        if found is None:
            raise TokenError(f"{config}: no client with role {role} to act as")
        return org(found.client_id)

    professional = person("municipal-professional", "professional")
    return {
        "intake": professional, "planning": professional, "budget": person("controller"),
        "backoffice": person("backoffice"), "care": client("care-provider"), "debt": client("debt-assistance"),
        "reporting": person("council-member", "controller"), "iwmo": client("care-provider"),
    }  # fmt: skip
