"""The embedded provider, for real: discovery, JWKS, client credentials, authorization code with PKCE, userinfo,
and the refusals a standards-compliant provider must give."""

from __future__ import annotations

import stat
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.discovery import OpenIDProviderMetadata
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.support.identity import IdentityProvider
from tooling.identity_tokens import CLI_CLIENT, CLI_REDIRECT, TokenError

pytestmark = pytest.mark.integration


def discovery(identity: IdentityProvider) -> dict[str, object]:
    return dict(httpx.get(f"{identity.issuer}/.well-known/openid-configuration").json())


def jwks(identity: IdentityProvider) -> KeySet:
    return KeySet.import_key_set(httpx.get(str(discovery(identity)["jwks_uri"])).json())


def claims_of(identity: IdentityProvider, token: str) -> dict[str, object]:
    return dict(jwt.decode(token, jwks(identity), algorithms=["RS256"]).claims)


def test_discovery_is_valid_openid_provider_metadata(identity: IdentityProvider) -> None:
    metadata = discovery(identity)
    OpenIDProviderMetadata(metadata).validate()  # authlib's own check of OpenID Connect Discovery 1.0
    assert metadata["issuer"] == identity.issuer
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert "wijk-planning" in metadata["scopes_supported"]  # type: ignore[operator]


def test_jwks_publishes_only_the_public_half(identity: IdentityProvider) -> None:
    keys = httpx.get(str(discovery(identity)["jwks_uri"])).json()["keys"]
    assert len(keys) == 1 and keys[0]["kty"] == "RSA" and keys[0]["kid"]
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(keys[0])


def test_client_credentials_token_is_an_rfc9068_token_for_one_service(identity: IdentityProvider) -> None:
    token = identity.client_token("zorg-flevoland", "care")
    header = jwt.decode(token, jwks(identity), algorithms=["RS256"]).header
    claims = claims_of(identity, token)
    assert header["typ"] == "at+jwt"
    assert claims["iss"] == identity.issuer and claims["aud"] == "wijk-care"
    assert claims["sub"] == "zorg-flevoland" and claims["organisation"] == "zorg-flevoland"
    assert claims["roles"] == ["care-provider"]


def test_a_client_may_not_ask_for_a_service_it_is_not_registered_for(identity: IdentityProvider) -> None:
    with pytest.raises(TokenError, match="invalid_scope: zorg-flevoland may not ask for wijk-planning"):
        identity.tokens.for_client("zorg-flevoland", "wijk-planning")


def test_a_wrong_client_secret_is_refused(identity: IdentityProvider) -> None:
    token_endpoint = str(discovery(identity)["token_endpoint"])
    answer = httpx.post(token_endpoint, data={"grant_type": "client_credentials"}, auth=("zorg-flevoland", "guess"))
    assert answer.status_code == 401 and answer.json()["error"] == "invalid_client"


def test_code_flow_with_pkce_gives_access_token_id_token_and_userinfo(identity: IdentityProvider) -> None:
    response = identity.tokens.login("coach.jansen", "wijk-planning", scope="openid profile")
    subject = identity.credentials.subject("coach.jansen")
    access = claims_of(identity, response["access_token"])
    assert access["sub"] == subject and subject != "coach.jansen"  # a pseudonym, not the name
    assert access["aud"] == ["wijk-planning", identity.issuer]
    assert access["roles"] == ["professional"] and access["teams"] == ["wijkteam-stad"]
    assert access["employee_id"] == "coach.jansen"
    id_token = claims_of(identity, response["id_token"])
    assert id_token["aud"] == [CLI_CLIENT] and id_token["sub"] == subject
    userinfo = httpx.get(f"{identity.issuer}/userinfo", headers={"Authorization": f"Bearer {response['access_token']}"})
    assert userinfo.json() == {"sub": subject, "name": "P. Jansen", "preferred_username": "coach.jansen"}


def _authorize(identity: IdentityProvider, password: str, **params: str) -> httpx.Response:
    query = {
        "response_type": "code", "client_id": CLI_CLIENT, "redirect_uri": CLI_REDIRECT, "state": "s",
        "scope": "wijk-planning", **params,
    }  # fmt: skip
    return httpx.post(
        str(discovery(identity)["authorization_endpoint"]),
        params=query,
        data={"username": "coach.jansen", "password": password},
    )


def test_pkce_is_required_and_only_s256(identity: IdentityProvider) -> None:
    password = identity.credentials.password("coach.jansen")
    assert _authorize(identity, password).status_code == 400  # no code_challenge at all
    plain = _authorize(identity, password, code_challenge="a" * 43, code_challenge_method="plain")
    assert plain.status_code == 400


def test_a_wrong_verifier_gets_no_token(identity: IdentityProvider) -> None:
    verifier = generate_token(64)
    password = identity.credentials.password("coach.jansen")
    answer = _authorize(
        identity, password, code_challenge=create_s256_code_challenge(verifier), code_challenge_method="S256"
    )
    code = parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]
    body = {
        "grant_type": "authorization_code", "code": code, "redirect_uri": CLI_REDIRECT, "client_id": CLI_CLIENT,
        "code_verifier": generate_token(64),
    }  # fmt: skip
    refused = httpx.post(str(discovery(identity)["token_endpoint"]), data=body)
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"


def test_a_wrong_password_shows_the_form_again(identity: IdentityProvider) -> None:
    answer = _authorize(identity, "not-the-password", code_challenge="b" * 43, code_challenge_method="S256")
    assert answer.status_code == 401 and "Onjuiste gebruikersnaam of wachtwoord" in answer.text
    assert answer.headers["x-frame-options"] == "DENY"


def test_an_unregistered_redirect_uri_is_refused_without_redirecting(identity: IdentityProvider) -> None:
    password = identity.credentials.password("coach.jansen")
    answer = _authorize(
        identity,
        password,
        redirect_uri="https://evil.example/cb",
        code_challenge="c" * 43,
        code_challenge_method="S256",
    )
    assert answer.status_code == 400 and "location" not in answer.headers


def test_secrets_live_in_the_data_folder_readable_by_the_owner_only(identity: IdentityProvider) -> None:
    folder = identity.embedded.data / "identity"
    for name in ("credentials.json", "signing-key.json"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
