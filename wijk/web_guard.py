"""The browser-facing defences every service's HTTP API shares: cross-origin state changes refused, security headers
on every response, and nothing personal kept in a cache.

- A request that changes state (anything but GET, HEAD, OPTIONS) is refused with 403 when a browser says it comes
  from another site: an `Origin` that is neither this service's own host nor a trusted origin, or, without an
  `Origin`, `Sec-Fetch-Site: cross-site` or `same-site`. A `text/plain` form post from `https://evil.example` no
  longer closes a budget year. Clients that are not browsers send neither header and are not affected; who may
  act at all is the access tokens' business (issue 8), not this guard's.
- Every response carries a Content-Security-Policy (scripts and styles from the service itself only; the API docs
  page also needs Swagger UI's inline start script), `X-Frame-Options: DENY` with `frame-ancestors 'none'`,
  `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`.
- Every response but the API docs' static assets is `Cache-Control: no-store`: letters, households and reports are
  personal data or live figures, and neither a browser nor a proxy may keep them.

The request body's size limit is FastAPI's own `max_body_size` (`MAX_BODY_BYTES`, 413 before the body is read in
full), set where the app is made.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 64 * 1024
"""The largest request body a service reads; XML routes may set their own limit (FastAPI's per-route override)."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DOCS_PATHS = frozenset({"/docs", "/redoc"})
DOCS_ASSETS = "/static-offline-docs/"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class WebGuard:
    """Plain ASGI middleware (no extra task per request); `trusted_origins` are `scheme://host[:port]` values."""

    def __init__(self, app: ASGIApp, trusted_origins: Iterable[str] = ()) -> None:
        self.app = app
        self.trusted = {_host_of(origin) for origin in trusted_origins if origin.strip()}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                _secure(MutableHeaders(scope=message), path)
            await send(message)

        refusal = None if scope["method"] in SAFE_METHODS else self.cross_origin(Headers(scope=scope))
        if refusal is not None:
            await JSONResponse({"error": "cross_origin_refused", "detail": refusal}, 403)(
                scope, receive, send_with_headers
            )
            return
        await self.app(scope, receive, send_with_headers)

    def cross_origin(self, headers: Headers) -> str | None:
        """Why a state-changing request is refused as coming from another site, or None when it may go on."""
        origin = headers.get("origin")
        if origin is not None:
            allowed = {headers.get("host", "").lower(), *self.trusted}
            if _host_of(origin) in allowed:
                return None
            return f"a state-changing request from origin {origin[:100]!r} is refused: not this service's origin"
        site = headers.get("sec-fetch-site", "")
        if site in ("cross-site", "same-site"):
            return f"a state-changing request from another site is refused (Sec-Fetch-Site: {site})"
        return None


def _secure(headers: MutableHeaders, path: str) -> None:
    headers.setdefault("Content-Security-Policy", DOCS_CSP if path in DOCS_PATHS else CSP)
    for name, value in HEADERS.items():
        headers.setdefault(name, value)
    if not path.startswith(DOCS_ASSETS):
        headers["Cache-Control"] = "no-store"


def _host_of(origin: str) -> str:
    """`host[:port]` of an origin, lower case ("null" and garbage give a value no Host header has)."""
    parts = urlsplit(origin.strip())
    return parts.netloc.lower() if parts.scheme in ("http", "https") and parts.netloc else "\x00invalid"
