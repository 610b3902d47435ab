"""Tokens the way real clients get them, for the tools (demo, simulator, bench) and the tests.

An organisation (care provider, partner, debt assistance, operator) uses client credentials. A professional
logs in through the authorization code flow with PKCE as the public client `wijk-cli`: the login form is
filled in as a browser would, the code taken from the redirect and exchanged with the verifier. Tokens are
cached until shortly before they expire; each names exactly one service (its audience).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from tooling.identity_provider.credentials import Credentials

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
