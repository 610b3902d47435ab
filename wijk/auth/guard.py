"""The guard in front of every service route: authenticate, refuse with a reason, and put it on the record.

Plain ASGI middleware, so that every route is covered however it was added: a route is public only when its
path is on the explicit public list (health, readiness, metrics, API documents, the login pages). A request
without an acceptable token gets 401 with `WWW-Authenticate: Bearer ...`; the rights (403) are checked by
`require(action)` in the route, and the scope by `Permit.on(resource)` in the handler. The guard records the
outcome of every command, every read of personal data and every refusal once the response status is known.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from opentelemetry import trace
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wijk.auth.access_log import AccessLog, AccessLogUnavailable
from wijk.auth.claims import Caller, ClaimMapping, ClaimsError, caller_from_claims
from wijk.auth.context import UNSAFE, AccessContext, route_of
from wijk.auth.rights import Rights
from wijk.auth.tokens import InvalidToken, KeysUnavailable, TokenValidator

log = logging.getLogger(__name__)
PUBLIC_PATHS = frozenset({"/health", "/ready", "/metrics", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})
CSRF_HEADER = "x-csrf-token"


@dataclass
class AccessControl:
    """Everything the guard and `require` need for one service."""

    service: str
    rights: Rights
    mapping: ClaimMapping
    validator: TokenValidator
    access_log: AccessLog | None = None
    public: frozenset[str] = PUBLIC_PATHS
    login_path: str | None = None

    async def close(self) -> None:
        if self.access_log is not None:
            await self.access_log.close()
        await self.validator.aclose()

    def with_public(self, paths: Iterable[str]) -> AccessControl:
        self.public = self.public | frozenset(paths)
        return self

    async def authenticate(self, scope: Scope) -> tuple[Caller, bool]:
        """The caller from the bearer token, or from the browser session's token; and whether via the cookie."""
        token, via_cookie = _bearer(scope), False
        if token is None:
            token, via_cookie = _session_token(scope), True
        if token is None:
            raise InvalidToken("no bearer token: send Authorization: Bearer <access token>")
        try:
            return caller_from_claims(await self.validator.validate(token), self.mapping), via_cookie
        except ClaimsError as exc:
            raise InvalidToken(str(exc)) from None


class AccessGuard:
    def __init__(self, app: ASGIApp, control: AccessControl) -> None:
        self.app, self.control = app, control

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.control.public:
            await self.app(scope, receive, send)
            return
        context = AccessContext(self.control.service, scope["method"], scope["path"], _trace_id())
        scope.setdefault("state", {})["access"] = context
        if not await self._admit(scope, context, send):
            return
        await self.app(scope, receive, _Recorder(self.control, scope, context, send))

    async def _admit(self, scope: Scope, context: AccessContext, send: Send) -> bool:
        try:
            context.caller, context.via_cookie = await self.control.authenticate(scope)
        except InvalidToken as exc:
            await self._refuse(scope, context, send, 401, exc.reason)
            return False
        except KeysUnavailable as exc:
            log.error("%s: %s", self.control.service, exc)
            await _respond(send, 503, {"error": "identity_unavailable", "detail": "the token cannot be checked now"})
            return False
        if context.via_cookie and context.method in UNSAFE and not _csrf_ok(scope):
            await self._refuse(scope, context, send, 403, "cross-site request: the CSRF token is missing or wrong")
            return False
        return True

    async def _refuse(self, scope: Scope, context: AccessContext, send: Send, status: int, reason: str) -> None:
        context.reason = reason
        if self.control.access_log is not None:
            with contextlib.suppress(AccessLogUnavailable):  # kept in the backlog and retried; the refusal stands
                await self.control.access_log.record(context.record(status, route_of(scope)))
        if status == 401 and self.control.login_path and _wants_html(scope):
            await _redirect(send, f"{self.control.login_path}?next={quote(scope['path'])}")
            return
        challenge = _challenge(self.control.service, reason, scope).encode()
        headers = [(b"www-authenticate", challenge)] if status == 401 else []
        code = "invalid_token" if status == 401 else "forbidden"
        await _respond(send, status, {"error": code, "detail": reason}, headers)


class _Recorder:
    """The `send` of a guarded request: at the response's start, the access record is written (and awaited)."""

    def __init__(self, control: AccessControl, scope: Scope, context: AccessContext, send: Send) -> None:
        self.control, self.scope, self.context, self.send = control, scope, context, send
        self.replaced = False

    async def __call__(self, message: Message) -> None:
        if self.replaced:
            return
        if message["type"] == "http.response.start" and not await self._recorded(message["status"]):
            self.replaced = True
            await _respond(self.send, 503, {"error": "access_log_unavailable", "detail": "try again shortly"})
            return
        await self.send(message)

    async def _recorded(self, status: int) -> bool:
        """False only for a read of personal data whose record could not be written: it must not be served."""
        log_ = self.control.access_log
        if log_ is None or not self.context.should_record(status):
            return True
        self.context.params = {k: str(v) for k, v in self.scope.get("path_params", {}).items()}
        entry = self.context.record(status, route_of(self.scope))
        try:
            await log_.record(entry)
        except AccessLogUnavailable:
            if self.context.method in UNSAFE:
                return True  # the command already took effect; its record waits in the backlog
            entry.status, entry.reason = 503, "not served: the access log was unavailable"
            return False
        return True


def _bearer(scope: Scope) -> str | None:
    header = _header(scope, b"authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken("the Authorization header is not a Bearer token")
    return token.strip()


def _session_token(scope: Scope) -> str | None:
    session = scope.get("session")
    token = session.get("access_token") if isinstance(session, dict) else None
    return token if isinstance(token, str) else None


def _csrf_ok(scope: Scope) -> bool:
    session = scope.get("session") or {}
    expected, given = session.get("csrf"), _header(scope, CSRF_HEADER.encode())
    return isinstance(expected, str) and given is not None and secrets.compare_digest(expected, given)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def _wants_html(scope: Scope) -> bool:
    return scope["method"] == "GET" and "text/html" in (_header(scope, b"accept") or "")


def _challenge(service: str, reason: str, scope: Scope) -> str:
    """RFC 6750 3.1: no error code when the request carried no token at all; invalid_token otherwise."""
    realm = f'Bearer realm="wijk-{service}"'
    if _header(scope, b"authorization") is None and _session_token(scope) is None:
        return realm
    return f'{realm}, error="invalid_token", error_description="{reason}"'


def _trace_id() -> str | None:
    context = trace.get_current_span().get_span_context()
    return f"{context.trace_id:032x}" if context.is_valid else None


async def _respond(
    send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    payload = json.dumps(body).encode()
    start = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    start += headers or []
    await send({"type": "http.response.start", "status": status, "headers": start})
    await send({"type": "http.response.body", "body": payload})


async def _redirect(send: Send, location: str) -> None:
    await send({"type": "http.response.start", "status": 303, "headers": [(b"location", location.encode())]})
    await send({"type": "http.response.body", "body": b""})
