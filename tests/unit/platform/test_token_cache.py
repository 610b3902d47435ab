"""A token whose signature verified is not verified again on its next request, and nothing else changes: its
claims are checked every time, a key set that changed verifies it anew, and a token that failed is not kept."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from wijk.auth import tokens
from wijk.auth.tokens import InvalidToken, TokenValidator

ISSUER, AUDIENCE = "https://id.example", "wijk-planning"


def signed(key: RSAKey, **claims: Any) -> str:
    payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": "pro-1", "exp": int(time.time()) + 600} | claims
    return jwt.encode({"alg": "RS256", "kid": key.kid, "typ": "at+jwt"}, payload, key)


def public(key: RSAKey) -> KeySet:
    return KeySet([RSAKey.import_key(key.as_dict(private=False))])


@pytest.fixture
def key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": "k1"})


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    decode = jwt.decode

    def counting(token: str, *args: Any, **kwargs: Any) -> jwt.Token:
        seen.append(token)
        return decode(token, *args, **kwargs)

    monkeypatch.setattr(tokens.jwt, "decode", counting)
    return seen


def validator(keys: KeySet, size: int = 1024) -> TokenValidator:
    checker = TokenValidator(ISSUER, AUDIENCE, leeway=0, verified_cache_size=size)
    checker._keys = keys  # as fetched from the issuer's JWKS
    return checker


def test_a_token_is_verified_once_and_its_claims_every_time(key: RSAKey, verifications: list[str]) -> None:
    checker, token = validator(public(key)), signed(key)
    first, second = asyncio.run(checker.validate(token)), asyncio.run(checker.validate(token))
    assert first == second and first["sub"] == "pro-1" and verifications == [token]

    expired = signed(key, exp=int(time.time()) - 60)
    for _ in range(2):
        with pytest.raises(InvalidToken, match="expired"):
            asyncio.run(checker.validate(expired))
    other = signed(key, aud="wijk-intake")
    for _ in range(2):
        with pytest.raises(InvalidToken, match="another audience"):
            asyncio.run(checker.validate(other))


def test_new_keys_verify_again_and_a_bad_signature_is_never_kept(key: RSAKey, verifications: list[str]) -> None:
    checker, token = validator(public(key)), signed(key)
    asyncio.run(checker.validate(token))
    checker._keys = public(key)  # the keys were fetched again
    asyncio.run(checker.validate(token))
    assert verifications == [token, token]

    head, body, signature = token.split(".")
    forged = f"{head}.{body}.{signature[:-4]}AAAA"
    for _ in range(2):
        with pytest.raises(InvalidToken):
            asyncio.run(checker.validate(forged))
    assert verifications.count(forged) == 2


def test_the_cache_is_bounded_and_can_be_off(key: RSAKey, verifications: list[str]) -> None:
    checker = validator(public(key), size=2)
    a, b, c = (signed(key, sub=f"pro-{n}") for n in range(3))
    for token in (a, b, c, a):
        asyncio.run(checker.validate(token))
    assert verifications == [a, b, c, a] and len(checker._verified) == 2

    off, verifications[:] = validator(public(key), size=0), []
    for _ in range(2):
        asyncio.run(off.validate(a))
    assert verifications == [a, a]
