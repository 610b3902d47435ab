"""Bearer token validation against the issuer's discovery document and JWKS, with joserfc (no crypto of ours).

Keys are fetched once and cached; a token signed with an unknown `kid` triggers one refresh, at most every
`refresh_seconds`, so a flood of forged key ids cannot turn into a flood of requests to the provider. A token whose
signature verified is remembered (LRU, `verified_cache_size`) with the keys it verified against, so a client's
next request with it skips the signature check; its claims are checked on every request. Only
asymmetric algorithms are accepted: `none` and HMAC (a token "signed" with the public key) are refused before
any key is used. Every refusal carries a reason fit for `WWW-Authenticate` and the access log.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from typing import Any

import httpx
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ClaimError,
    DecodeError,
    ExpiredTokenError,
    InvalidKeyIdError,
    JoseError,
    MissingClaimError,
    UnsupportedAlgorithmError,
)
from joserfc.jwk import KeySet

ALGORITHMS = ("RS256", "ES256")
_CLAIM_REASONS = {
    "iss": "the token was issued by another issuer",
    "aud": "the token is meant for another audience, not {audience}",
    "nbf": "the token is not valid yet",
    "iat": "the token was issued in the future",
    "sub": "the token has an invalid subject",
}


class InvalidToken(Exception):
    """The token is missing or not acceptable; `reason` says why, without echoing the token."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class KeysUnavailable(Exception):
    """The issuer's discovery document or keys could not be fetched: a 503, not the caller's fault."""


class TokenValidator:
    """Validates access tokens of one issuer for one audience (one service)."""

    def __init__(
        self,
        issuer: str,
        audience: str,
        token_type: str = "at+jwt",
        leeway: int = 30,
        refresh_seconds: float = 30.0,
        http: httpx.AsyncClient | None = None,
        verified_cache_size: int = 1024,
    ) -> None:
        self.issuer, self.audience, self.token_type = issuer, audience, token_type
        self.refresh_seconds = refresh_seconds
        self.verified_cache_size = verified_cache_size
        self._verified: OrderedDict[str, tuple[KeySet, jwt.Token]] = OrderedDict()
        self.refreshes = 0
        self._http = http or httpx.AsyncClient(timeout=5.0)
        self._keys: KeySet | None = None
        self._next_refresh = 0.0
        self._lock = asyncio.Lock()
        self._claims = jwt.JWTClaimsRegistry(
            leeway=leeway,
            iss={"essential": True, "value": self.issuer},
            aud={"essential": True, "value": audience},
            exp={"essential": True},
            sub={"essential": True},
        )

    async def validate(self, token: str) -> dict[str, Any]:
        """The token's claims when it is acceptable; raises InvalidToken (401) or KeysUnavailable (503)."""
        keys = self._keys or await self._refresh(stale=None)
        decoded = self._verified_before(token, keys)
        if decoded is None:
            try:
                decoded = self._decode(token, keys)
            except InvalidKeyIdError:
                try:
                    keys = await self._refresh(stale=keys)
                    decoded = self._decode(token, keys)
                except InvalidKeyIdError:
                    raise InvalidToken("the token is signed by an unknown key") from None
            self._remember(token, keys, decoded)
        self._check(decoded)
        return dict(decoded.claims)

    def _verified_before(self, token: str, keys: KeySet) -> jwt.Token | None:
        """The token as decoded when its signature verified against these same keys: a client sends one token on
        many requests, and checking its signature again gives the same answer. Its claims (expiry, audience,
        issuer, type) are checked on every request all the same; new keys verify every token again."""
        found = self._verified.get(token)
        if found is None or found[0] is not keys:
            return None
        self._verified.move_to_end(token)
        return found[1]

    def _remember(self, token: str, keys: KeySet, decoded: jwt.Token) -> None:
        if self.verified_cache_size <= 0:
            return
        self._verified[token] = (keys, decoded)
        self._verified.move_to_end(token)
        while len(self._verified) > self.verified_cache_size:
            self._verified.popitem(last=False)

    def _decode(self, token: str, keys: KeySet) -> jwt.Token:
        try:
            return jwt.decode(token, keys, algorithms=list(ALGORITHMS))
        except InvalidKeyIdError:
            raise
        except UnsupportedAlgorithmError:
            raise InvalidToken(f"the token's algorithm is not accepted (only {', '.join(ALGORITHMS)})") from None
        except BadSignatureError:
            raise InvalidToken("the token's signature does not verify") from None
        except (DecodeError, ValueError, TypeError):
            raise InvalidToken("the token is not a well-formed signed JWT") from None
        except JoseError as exc:
            raise InvalidToken(f"the token is not acceptable ({exc.error})") from None

    def _check(self, decoded: jwt.Token) -> None:
        if self.token_type and str(decoded.header.get("typ", "")).lower() not in (
            self.token_type,
            f"application/{self.token_type}",
        ):
            raise InvalidToken(f"the token is not an access token (typ must be {self.token_type})")
        try:
            self._claims.validate(decoded.claims)
        except ExpiredTokenError:
            raise InvalidToken("the token has expired") from None
        except MissingClaimError as exc:
            raise InvalidToken(f"the token lacks required claims: {exc.claim}") from None
        except ClaimError as exc:
            reason = _CLAIM_REASONS.get(exc.claim, f"the token's {exc.claim} claim is invalid")
            raise InvalidToken(reason.format(audience=self.audience)) from None

    async def _refresh(self, stale: KeySet | None) -> KeySet:
        """Fetch discovery and JWKS again, unless another request just did, or the last try was too recent."""
        async with self._lock:
            if self._keys is not None and self._keys is not stale:
                return self._keys
            if time.monotonic() < self._next_refresh:
                if self._keys is None:
                    raise KeysUnavailable(f"the keys of issuer {self.issuer} are not available yet")
                raise InvalidToken("the token is signed by an unknown key")
            self._next_refresh = time.monotonic() + self.refresh_seconds
            self.refreshes += 1
            self._keys = await self._fetch_keys()
            return self._keys

    async def _fetch_keys(self) -> KeySet:
        try:
            well_known = f"{self.issuer.rstrip('/')}/.well-known/openid-configuration"
            metadata = (await self._http.get(well_known)).raise_for_status().json()
            if metadata.get("issuer") != self.issuer:  # OpenID Connect Discovery 4.3: exactly the same
                raise KeysUnavailable(f"the discovery document names issuer {metadata.get('issuer')!r}")
            jwks = (await self._http.get(metadata["jwks_uri"])).raise_for_status().json()
            return KeySet.import_key_set(jwks)
        except (httpx.HTTPError, ValueError, KeyError, JoseError) as exc:
            raise KeysUnavailable(f"the keys of issuer {self.issuer} could not be fetched: {exc}") from None

    async def aclose(self) -> None:
        await self._http.aclose()
