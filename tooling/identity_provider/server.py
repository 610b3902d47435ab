"""authlib's authorization server, configured: client credentials, authorization code with PKCE (S256 only,
required for every client), OpenID Connect ID tokens, RFC 9068 JWT access tokens and userinfo.

All signing goes through authlib and joserfc with the key of this data folder; nothing here touches crypto.
"""

from __future__ import annotations

from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import InvalidRequestError, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc9068 import JWTBearerTokenGenerator, JWTBearerTokenValidator
from authlib.oauth2.rfc9068.claims import JWTAccessTokenClaims
from authlib.oidc.core import OpenIDCode, UserInfo, UserInfoEndpoint
from flask import Flask
from joserfc.jwk import KeySet

from tooling.identity_provider.models import AuthorizationCode, Client, Directory, User

LIFETIMES = {"client_credentials": 900, "authorization_code": 3600}


def authorization_server(app: Flask, directory: Directory, keys: KeySet, issuer: str) -> AuthorizationServer:
    server = AuthorizationServer(app, query_client=directory.client, save_token=lambda token, request: None)
    server.directory = directory  # type: ignore[attr-defined]
    server.register_token_generator("default", AccessTokens(issuer, keys, directory))
    server.register_grant(grants.ClientCredentialsGrant)
    server.register_grant(CodeGrant, [PkceS256(required=True), IdTokens(issuer, keys, directory)])
    protector = ResourceProtector()
    protector.register_token_validator(UserInfoTokens(issuer, keys, directory))
    server.register_endpoint(Profile(issuer, resource_protector=protector))
    return server


class AccessTokens(JWTBearerTokenGenerator):
    """RFC 9068 access tokens: `aud` is the one service in the scope; the caller's roles, teams, organisation."""

    def __init__(self, issuer: str, keys: KeySet, directory: Directory) -> None:
        super().__init__(issuer, alg="RS256", expires_generator=lambda client, grant_type: LIFETIMES[grant_type])
        self.keys, self.directory = keys, directory

    def get_jwks(self) -> KeySet:
        return self.keys

    def get_audiences(self, client: Client, user: User | None, scope: str) -> str | list[str]:
        services = [s for s in scope.split() if s in client.registration.audiences]
        return [*services, self.issuer] if "openid" in scope.split() else services[0]  # the issuer: userinfo

    def get_extra_claims(self, client: Client, grant_type: str, user: User | None, scope: str) -> dict[str, Any]:
        if user is None:
            who = client.registration
            return {"roles": list(who.roles), "teams": [], "organisation": who.organisation}
        person = user.person
        claims: dict[str, Any] = {"roles": list(person.roles), "teams": list(person.teams)}
        claims["organisation"] = person.organisation
        if person.employee_id:
            claims["employee_id"] = person.employee_id
        return claims


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    @property
    def directory(self) -> Directory:
        return self.server.directory  # type: ignore[no-any-return]

    def save_authorization_code(self, code: str, request: Any) -> None:
        data = request.payload.data
        pkce = (data.get("code_challenge"), data.get("code_challenge_method"))
        client, redirect_uri, nonce = request.client.client_id, request.payload.redirect_uri, data.get("nonce")
        found = AuthorizationCode(code, client, redirect_uri, request.scope, request.user, nonce, *pkce)
        self.directory.save_code(found)

    def query_authorization_code(self, code: str, client: Client) -> AuthorizationCode | None:
        return self.directory.take_code(code, client.client_id)

    def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
        self.directory.delete_code(authorization_code.code)

    def authenticate_user(self, authorization_code: AuthorizationCode) -> User:
        return authorization_code.user


class PkceS256(CodeChallenge):
    """PKCE for every client, confidential ones too (OAuth 2.1), and only S256: `plain` protects nothing."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: send code_challenge with code_challenge_method=S256")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("only code_challenge_method=S256 is accepted")
        super().validate_code_challenge(grant, redirect_uri)


def _user_info(user: User, scope: str) -> UserInfo:
    person = user.person
    return UserInfo(sub=user.subject, name=person.name, preferred_username=person.username).filter(scope)


class IdTokens(OpenIDCode):
    def __init__(self, issuer: str, keys: KeySet, directory: Directory) -> None:
        super().__init__(require_nonce=False)
        self.issuer, self.keys, self.directory = issuer, keys, directory

    def exists_nonce(self, nonce: str, request: Any) -> bool:
        return self.directory.nonce_used(nonce, request.payload.client_id)

    def resolve_client_private_key(self, client: Client) -> KeySet:
        return self.keys

    def get_client_algorithm(self, client: Client) -> str:
        return "RS256"

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        return {"iss": self.issuer, "aud": [client.client_id]}

    def generate_user_info(self, user: User, scope: str) -> UserInfo:
        return _user_info(user, scope)


class _UserInfoClaims(JWTAccessTokenClaims):
    directory: Directory

    @property
    def scope(self) -> str:
        return str(self.get("scope", ""))

    def get_client(self) -> Client | None:
        return self.directory.client(self["client_id"])

    def get_user(self) -> User | None:
        return self.directory.by_subject.get(self["sub"])


class UserInfoTokens(JWTBearerTokenValidator):
    """Access tokens at the userinfo endpoint: ours, unexpired, and with the issuer in their audience."""

    def __init__(self, issuer: str, keys: KeySet, directory: Directory) -> None:
        super().__init__(issuer=issuer, resource_server=issuer)
        self.public = KeySet.import_key_set(keys.as_dict(private=False))
        self.directory = directory

    def get_jwks(self) -> KeySet:
        return self.public

    def authenticate_token(self, token_string: str) -> _UserInfoClaims:
        claims = super().authenticate_token(token_string)
        found = _UserInfoClaims(dict(claims), claims.header, claims.options)
        found._validate_hooks = claims._validate_hooks  # the issuer check authlib registered
        found.directory = self.directory
        return found


class Profile(UserInfoEndpoint):
    def __init__(self, issuer: str, resource_protector: ResourceProtector) -> None:
        super().__init__(resource_protector=resource_protector)
        self.issuer = issuer

    def get_issuer(self) -> str:
        return self.issuer

    def generate_user_info(self, user: User, scope: str) -> UserInfo:
        return _user_info(user, scope)
