"""The refused-token table: each bad token is a 401 with a clear reason, and leaves only its refusal on record."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from tests.integration.identity.conftest import Scratch
from tests.integration.identity.guarded_app import guarded
from tests.support.identity import IdentityProvider

pytestmark = pytest.mark.integration


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(identity: IdentityProvider, **changes: object) -> dict[str, object]:
    now = int(time.time())
    claims: dict[str, object] = {
        "iss": identity.issuer, "aud": "wijk-intake", "sub": identity.credentials.subject("j.de.vries"),
        "iat": now, "exp": now + 300, "roles": ["professional"], "teams": ["wijkteam-haven"],
    }  # fmt: skip
    claims.update(changes)
    return claims


def signed_by_provider(identity: IdentityProvider, **changes: object) -> str:
    """A token the provider's own key signed, so only the named claim is wrong."""
    return jwt.encode({"alg": "RS256", "typ": "at+jwt"}, _claims(identity, **changes), identity.signing_keys())


def unsigned(identity: IdentityProvider) -> str:
    header = _b64(json.dumps({"alg": "none", "typ": "at+jwt"}).encode())
    return f"{header}.{_b64(json.dumps(_claims(identity)).encode())}."


def hmac_with_public_key(identity: IdentityProvider) -> str:
    """The classic key-confusion attack: HS256 keyed with the provider's public key (crafted by hand on purpose)."""
    public = identity.signing_keys().keys[0].as_pem(private=False)  # type: ignore[union-attr]
    signing_input = f"{_b64(json.dumps({'alg': 'HS256', 'typ': 'at+jwt'}).encode())}."
    signing_input += _b64(json.dumps(_claims(identity)).encode())
    signature = hmac.new(public, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def tampered(identity: IdentityProvider) -> str:
    header, _, signature = identity.user_token("j.de.vries", "intake").split(".")
    forged = _b64(json.dumps(_claims(identity, roles=["privacy-officer"])).encode())
    return f"{header}.{forged}.{signature}"


def unknown_key(identity: IdentityProvider) -> str:
    stranger = RSAKey.generate_key(2048, parameters={"kid": "not-a-provider-key"})
    return jwt.encode({"alg": "RS256", "typ": "at+jwt", "kid": "not-a-provider-key"}, _claims(identity), stranger)


BAD_TOKENS: dict[str, tuple[Callable[[IdentityProvider], str], str]] = {
    "expired": (lambda i: signed_by_provider(i, exp=int(time.time()) - 120), "the token has expired"),
    "not yet valid": (lambda i: signed_by_provider(i, nbf=int(time.time()) + 600), "not valid yet"),
    "wrong issuer": (lambda i: signed_by_provider(i, iss="https://idp.evil.example"), "another issuer"),
    "wrong audience": (lambda i: signed_by_provider(i, aud="wijk-elsewhere"), "another audience"),
    "for another service": (lambda i: i.user_token("j.de.vries", "planning"), "another audience, not wijk-intake"),
    "alg none": (unsigned, "algorithm is not accepted"),
    "HMAC with the public key": (hmac_with_public_key, "algorithm is not accepted"),
    "tampered payload": (tampered, "signature does not verify"),
    "signed by an unknown key": (unknown_key, "unknown key"),
    "garbage": (lambda i: "not.a.jwt", "not a well-formed signed JWT"),
    "an ID token": (lambda i: i.tokens.login("j.de.vries", "wijk-intake", "openid")["id_token"], "not an access"),
}


@pytest.mark.parametrize("kind", list(BAD_TOKENS))
async def test_a_bad_token_is_refused_with_its_reason_and_recorded(
    kind: str, identity: IdentityProvider, scratch: Scratch
) -> None:
    make, reason = BAD_TOKENS[kind]
    async with guarded(identity, scratch) as (client, log, _):
        answer = await client.get("/households/h-haven", headers={"Authorization": f"Bearer {make(identity)}"})
        records = await log.query()
    assert answer.status_code == 401, answer.text
    assert reason in answer.json()["detail"]
    assert answer.headers["www-authenticate"].startswith('Bearer realm="wijk-intake", error="invalid_token"')
    assert reason in answer.headers["www-authenticate"]
    assert "(sealed)" not in answer.text
    assert [(r["outcome"], r["status"], r["subject"], r["route"]) for r in records] == [
        ("refused", 401, None, "/households/h-haven")
    ]
    assert reason in records[0]["reason"]


@pytest.mark.parametrize("header", [None, "Basic dXNlcjpwYXNz", "Bearer", "Bearer    "])
async def test_no_bearer_token_is_a_401_that_says_how(
    header: str | None, identity: IdentityProvider, scratch: Scratch
) -> None:
    async with guarded(identity, scratch) as (client, log, _):
        answer = await client.get("/households/h-haven", headers={"Authorization": header} if header else {})
        records = await log.query()
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"].startswith('Bearer realm="wijk-intake"')
    assert "Bearer" in answer.json()["detail"]
    assert [r["status"] for r in records] == [401]


async def test_an_unknown_kid_refreshes_the_keys_at_most_once_per_interval(
    identity: IdentityProvider, scratch: Scratch
) -> None:
    async with guarded(identity, scratch) as (client, _, validator):
        good = identity.user_token("j.de.vries", "intake")
        assert (await client.get("/households/h-haven", headers={"Authorization": f"Bearer {good}"})).status_code == 200
        before = validator.refreshes
        for _ in range(20):
            forged = unknown_key(identity)
            answer = await client.get("/households/h-haven", headers={"Authorization": f"Bearer {forged}"})
            assert answer.status_code == 401
        assert validator.refreshes - before <= 1
