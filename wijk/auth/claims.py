"""The caller, read from a validated token's claims through a per-municipality mapping (`identity.json`).

Providers put roles, groups and organisations in different places: Keycloak in `realm_access.roles` and
`groups` ("/teams/wijkteam-haven"), Entra ID in `roles` and `groups` (object ids), our embedded provider in
plain `roles`, `teams` and `organisation` claims. The mapping says where to look, so another provider plugs in
by configuration only. Who the caller is comes from the token, never from the request.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ClaimSource(BaseModel):
    """One place in the token that yields values: a claim, optionally filtered by a prefix or translated."""

    model_config = ConfigDict(extra="forbid")

    claim: str = Field(min_length=1, description="Dotted path into the claims, e.g. `realm_access.roles`.")
    prefix: str = Field("", description="Keep only values that start with it, without it (`/teams/`).")
    values: dict[str, str] = Field(
        default_factory=dict, description="Translate values (Entra group ids to team ids); others are dropped."
    )

    def read(self, claims: Mapping[str, Any]) -> Iterator[str]:
        for value in _as_strings(_lookup(claims, self.claim)):
            if not value.startswith(self.prefix):
                continue
            value = value[len(self.prefix) :]
            if self.values:
                if value not in self.values:
                    continue
                value = self.values[value]
            if value:
                yield value


class ClaimMapping(BaseModel):
    """Where a provider puts each part of the caller; every list is searched in order and merged."""

    model_config = ConfigDict(extra="forbid")

    subject: str = Field("sub", description="The stable pseudonymous id of the caller.")
    roles: list[ClaimSource] = Field(default_factory=lambda: [ClaimSource(claim="roles")])
    teams: list[ClaimSource] = Field(default_factory=lambda: [ClaimSource(claim="teams")])
    organisation: list[ClaimSource] = Field(default_factory=lambda: [ClaimSource(claim="organisation")])
    employee: list[ClaimSource] = Field(
        default_factory=lambda: [ClaimSource(claim="employee_id")],
        description="The professional's id in the mandate register, when the provider carries one.",
    )


@dataclass(frozen=True)
class Caller:
    """Who calls, as the token says: never taken from a request body or header of the caller's choosing."""

    subject: str
    roles: frozenset[str] = frozenset()
    teams: frozenset[str] = frozenset()
    organisation: str | None = None
    employee: str | None = None
    client_id: str | None = None


class ClaimsError(ValueError):
    """The token is valid but does not say who the caller is."""


def caller_from_claims(claims: Mapping[str, Any], mapping: ClaimMapping) -> Caller:
    subject = _lookup(claims, mapping.subject)
    if not isinstance(subject, str) or not subject:
        raise ClaimsError(f"the token has no subject in claim {mapping.subject!r}")
    client_id = claims.get("client_id") or claims.get("azp") or claims.get("appid")
    return Caller(
        subject=subject,
        roles=frozenset(_all(claims, mapping.roles)),
        teams=frozenset(_all(claims, mapping.teams)),
        organisation=_first(claims, mapping.organisation),
        employee=_first(claims, mapping.employee),
        client_id=client_id if isinstance(client_id, str) else None,
    )


def _all(claims: Mapping[str, Any], sources: list[ClaimSource]) -> Iterator[str]:
    for source in sources:
        yield from source.read(claims)


def _first(claims: Mapping[str, Any], sources: list[ClaimSource]) -> str | None:
    return next(_all(claims, sources), None)


def _lookup(claims: Mapping[str, Any], path: str) -> Any:
    value: Any = claims
    for key in path.split("."):
        if not isinstance(value, Mapping) or key not in value:
            return None
        value = value[key]
    return value


def _as_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        yield from (item for item in value if isinstance(item, str))
