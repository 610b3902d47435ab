"""Browser login for pages: the authorization code flow with PKCE (authlib's Starlette client), a session cookie,
logout, and the CSRF token that cookie-authenticated state changes must carry (issue 18, finding 7).

The session cookie is Starlette's signed session (itsdangerous): HttpOnly always, SameSite=Lax (the callback
is a top-level redirect from the provider), Secure when the service is served over TLS. It holds the access
token, which the guard validates on every request exactly like a bearer token, and a random CSRF token that
pages send back in the `X-CSRF-Token` header (or the `csrf` form field of the logout form).
"""

from __future__ import annotations

import secrets
import warnings
from dataclasses import dataclass

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.middleware.sessions import SessionMiddleware

with warnings.catch_warnings():  # authlib prefers the httpx2 package; httpx works the same for us
    warnings.simplefilter("ignore")
    from authlib.integrations.starlette_client import OAuth, OAuthError

LOGIN_PATHS = frozenset({"/login", "/auth/callback", "/logout"})


@dataclass(frozen=True)
class BrowserClient:
    issuer: str
    client_id: str
    client_secret: str
    audience: str
    session_secret: str
    https: bool = False


def install_browser_login(app: FastAPI, client: BrowserClient) -> None:
    """Login, callback and logout routes plus the session cookie; call after `install`, so the session is
    read before the guard looks for its token."""
    if len(client.session_secret) < 32:
        raise ValueError("the session secret must be at least 32 characters (it signs the session cookie)")
    oauth = OAuth()
    oauth.register(
        "wijk",
        client_id=client.client_id,
        client_secret=client.client_secret,
        server_metadata_url=f"{client.issuer.rstrip('/')}/.well-known/openid-configuration",
        client_kwargs={"scope": f"openid profile {client.audience}", "code_challenge_method": "S256"},
    )
    app.include_router(_router(oauth))
    app.add_middleware(
        SessionMiddleware,
        secret_key=client.session_secret,
        session_cookie="wijk_session",
        max_age=8 * 3600,
        same_site="lax",
        https_only=client.https,
    )


def _router(oauth: OAuth) -> APIRouter:
    api = APIRouter(tags=["login"], include_in_schema=False)

    @api.get("/login")
    async def login(request: Request, next: str = "/") -> Response:
        request.session.clear()
        request.session["next"] = _local(next)
        return await oauth.wijk.authorize_redirect(request, str(request.url_for("callback")))  # type: ignore[no-any-return]

    @api.get("/auth/callback")
    async def callback(request: Request) -> Response:
        try:
            token = await oauth.wijk.authorize_access_token(request)
        except OAuthError as exc:
            return JSONResponse({"error": "login_failed", "detail": exc.description or exc.error}, status_code=401)
        after = request.session.get("next", "/")
        request.session.clear()  # a new session on login: no fixation
        request.session.update(access_token=token["access_token"], csrf=secrets.token_urlsafe(32))
        request.session["name"] = token.get("userinfo", {}).get("name", "")
        return RedirectResponse(_local(after), status_code=303)

    @api.post("/logout")
    async def logout(request: Request) -> Response:
        form = await request.form()
        given = request.headers.get("x-csrf-token") or str(form.get("csrf", ""))
        expected = request.session.get("csrf", "")
        if not expected or not secrets.compare_digest(str(expected), given):
            return JSONResponse({"error": "forbidden", "detail": "the CSRF token is missing or wrong"}, 403)
        request.session.clear()
        return RedirectResponse("/", status_code=303)

    return api


def csrf_token(request: Request) -> str:
    """The session's CSRF token, for pages to put in their forms and fetch headers."""
    return str(request.session.get("csrf", ""))


def _local(path: str) -> str:
    """Only a path on this site: never an open redirect to another origin."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"
