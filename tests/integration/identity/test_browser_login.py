"""Browser login on a small page app of its own: code flow with PKCE against the real provider, a session
cookie (HttpOnly, SameSite), CSRF protection for cookie-authenticated changes, and logout."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from tests.support.identity import IdentityProvider
from wijk.auth.browser import LOGIN_PATHS, BrowserClient, csrf_token, install_browser_login
from wijk.auth.claims import ClaimMapping
from wijk.auth.guard import AccessControl
from wijk.auth.rights import Permit, load_rights
from wijk.auth.routes import install, require
from wijk.auth.tokens import TokenValidator

pytestmark = pytest.mark.integration
APP = "http://127.0.0.1:8765"  # loopback: the provider accepts the callback on any port (RFC 8252)


def page_app(identity: IdentityProvider) -> FastAPI:
    app = FastAPI()

    @app.get("/dashboard", response_class=HTMLResponse)
    async def dashboard(request: Request, permit: Permit = require("reporting.read")) -> str:
        return f"<p>figures for {permit.caller.subject}</p><meta name=csrf content={csrf_token(request)}>"

    @app.post("/refresh")
    async def refresh(_: Permit = require("reporting.read")) -> dict[str, bool]:
        return {"refreshed": True}

    validator = TokenValidator(identity.issuer, "wijk-reporting")
    control = AccessControl("reporting", load_rights(), ClaimMapping(), validator, login_path="/login")
    install(app, control.with_public(LOGIN_PATHS))
    secrets = identity.credentials
    client = BrowserClient(
        identity.issuer, "wijk-dashboard", secrets.secret("wijk-dashboard"), "wijk-reporting", secrets.session_secret
    )
    install_browser_login(app, client)
    return app


@pytest.fixture
async def browser(identity: IdentityProvider) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=page_app(identity))
    async with httpx.AsyncClient(transport=transport, base_url=APP, headers={"Accept": "text/html"}) as client:
        yield client


async def log_in(browser: httpx.AsyncClient, identity: IdentityProvider, username: str) -> httpx.Response:
    to_login = await browser.get("/dashboard")
    assert to_login.status_code == 303 and to_login.headers["location"] == "/login?next=/dashboard"
    to_provider = await browser.get(to_login.headers["location"])
    assert to_provider.headers["location"].startswith(f"{identity.issuer}/authorize")
    assert "code_challenge_method=S256" in to_provider.headers["location"]
    form = {"username": username, "password": identity.credentials.password(username)}
    back = httpx.post(to_provider.headers["location"], data=form)
    assert back.status_code == 302 and back.headers["location"].startswith(f"{APP}/auth/callback?code=")
    return await browser.get(back.headers["location"])


async def test_without_login_no_figures_and_after_login_the_page_works(
    browser: httpx.AsyncClient, identity: IdentityProvider
) -> None:
    callback = await log_in(browser, identity, "raadslid")
    assert callback.status_code == 303 and callback.headers["location"] == "/dashboard"
    cookie = callback.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    page = await browser.get("/dashboard")
    assert page.status_code == 200
    assert f"figures for {identity.credentials.subject('raadslid')}" in page.text


async def test_a_logged_in_professional_without_the_right_gets_403(
    browser: httpx.AsyncClient, identity: IdentityProvider
) -> None:
    await log_in(browser, identity, "coach.jansen")
    page = await browser.get("/dashboard")
    assert page.status_code == 403 and page.json()["rule"] == "council-member or controller"


async def test_a_cookie_authenticated_change_needs_the_csrf_token(
    browser: httpx.AsyncClient, identity: IdentityProvider
) -> None:
    await log_in(browser, identity, "raadslid")
    page = await browser.get("/dashboard")
    token = page.text.split("content=")[1].split(">")[0]
    forged = await browser.post("/refresh", headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403 and "CSRF" in forged.json()["detail"]
    assert (await browser.post("/refresh", headers={"X-CSRF-Token": "wrong"})).status_code == 403
    assert (await browser.post("/refresh", headers={"X-CSRF-Token": token})).json() == {"refreshed": True}


async def test_logout_needs_the_csrf_token_and_ends_the_session(
    browser: httpx.AsyncClient, identity: IdentityProvider
) -> None:
    await log_in(browser, identity, "raadslid")
    token = (await browser.get("/dashboard")).text.split("content=")[1].split(">")[0]
    assert (await browser.post("/logout")).status_code == 403
    assert (await browser.post("/logout", data={"csrf": token})).status_code == 303
    assert (await browser.get("/dashboard")).status_code == 303  # back to the login


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example"])
async def test_a_login_never_redirects_to_another_site(
    target: str, browser: httpx.AsyncClient, identity: IdentityProvider
) -> None:
    to_provider = await browser.get("/login", params={"next": target})
    form = {"username": "raadslid", "password": identity.credentials.password("raadslid")}
    back = httpx.post(to_provider.headers["location"], data=form)
    callback = await browser.get(back.headers["location"])
    assert callback.status_code == 303 and callback.headers["location"] == "/"
