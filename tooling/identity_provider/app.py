"""The provider's HTTP face: discovery, JWKS, token, authorize (a plain login form), userinfo.

The login form is the only page: it posts back to the same URL, so the authorization request's parameters
never leave the query string; a wrong password answers 401 and the form again, without saying which part was
wrong. Pages may not be framed (clickjacking) and nothing is cached.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from authlib.oauth2 import OAuth2Error
from flask import Flask, Response, g, jsonify, render_template_string, request

from tooling.identity_provider.credentials import ensure_credentials, ensure_signing_keys
from tooling.identity_provider.models import Directory
from tooling.identity_provider.seed import load_seed
from tooling.identity_provider.server import authorization_server

LOGIN_PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Inloggen · wijkteam</title></head>
<body><main>
<h1>Inloggen</h1>
<p>{{ client }} vraagt toegang namens u.</p>
{% if error %}<p role="alert">{{ error }}</p>{% endif %}
<form method="post">
<label>Gebruikersnaam <input name="username" autocomplete="username" required value="{{ username }}"></label>
<label>Wachtwoord <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Inloggen</button>
</form>
</main></body></html>
"""
HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}


def create_app(config: Path, data: Path, issuer: str) -> Flask:
    """The provider for one municipality's configuration folder, with the secrets of one data folder."""
    seed = load_seed(config)
    directory = Directory(seed, ensure_credentials(data, seed))
    keys = ensure_signing_keys(data)
    app = Flask("wijk-identity")
    server = authorization_server(app, directory, keys, issuer)
    audiences = sorted({aud for client in seed.registrations for aud in client.audiences})
    discovery = metadata(issuer, audiences)
    public_keys = keys.as_dict(private=False)

    @app.after_request
    def harden(response: Response) -> Response:
        response.headers.update(HEADERS)
        target = getattr(g, "redirect_origin", None)
        if target:  # the login form's answer redirects there: a browser checks that redirect against form-action
            response.headers["Content-Security-Policy"] = HEADERS["Content-Security-Policy"].replace(
                "form-action 'self'", f"form-action 'self' {target}"
            )
        return response

    @app.get("/.well-known/openid-configuration")
    def well_known() -> Response:
        return jsonify(discovery)

    @app.get("/jwks")
    def jwks() -> Response:
        return jsonify(public_keys)

    @app.post("/token")
    def token() -> Any:
        return server.create_token_response()

    @app.route("/userinfo", methods=["GET", "POST"])
    def userinfo() -> Any:
        return server.create_endpoint_response("userinfo")

    @app.get("/health")
    def health() -> Response:
        return jsonify({"status": "ok", "issuer": issuer})

    @app.route("/authorize", methods=["GET", "POST"])
    def authorize() -> Any:
        try:
            grant = server.get_consent_grant(end_user=None)
        except OAuth2Error as error:
            return _page(f"Dit verzoek kan niet: {error.description or error.error}", "", "", 400)
        client = grant.client.registration.name
        g.redirect_origin = _origin(getattr(grant, "redirect_uri", None))
        if request.method == "GET":
            return _page(None, client, "", 200)
        username = request.form.get("username", "")
        user = directory.login(username, request.form.get("password", ""))
        if user is None:
            return _page("Onjuiste gebruikersnaam of wachtwoord.", client, username, 401)
        return server.create_authorization_response(grant_user=user)

    return app


def _origin(uri: str | None) -> str | None:
    """The scheme, host and port of a registered (checked) redirect URI, as a CSP source."""
    if not uri:
        return None
    parts = urlsplit(uri)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def _page(error: str | None, client: str, username: str, status: int) -> tuple[str, int]:
    return render_template_string(LOGIN_PAGE, error=error, client=client, username=username), status


def metadata(issuer: str, audiences: list[str]) -> dict[str, Any]:
    """OpenID Connect Discovery 1.0 metadata (and RFC 8414) for what this provider really does."""
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "userinfo_endpoint": f"{issuer}/userinfo",
        "jwks_uri": f"{issuer}/jwks",
        "scopes_supported": ["openid", "profile", *audiences],
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "client_credentials"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": ["sub", "name", "preferred_username", "roles", "teams", "organisation", "employee_id"],
    }
