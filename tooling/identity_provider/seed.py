"""Who exists at the embedded provider, read from the municipality's configuration folder.

Users: every professional of the mandate register (`mandates.json`) under their register id, a team member as
`professional` of their team and one without a team as `municipal-professional`, plus the disciplines' extra
roles and the other staff `identity.json` lists (controller, council member, privacy officer, ...).
Clients (client credentials): every care provider (`providers.json`: its care API and its iWmo mailbox), every
partner (`partners.json`), the debt assistance organisations and the service clients `identity.json` lists (the
iWmo gateway's `wijk-iwmo` among them), each with the services it may call.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wijk.settings import SERVICES

ClientKind = Literal["service", "browser", "public"]


class StaffUser(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]{1,63}$")
    name: str
    roles: list[str] = Field(min_length=1)
    teams: list[str] = []
    organisation: str


class Override(BaseModel):
    model_config = ConfigDict(extra="forbid")

    roles: list[str] = []
    teams: list[str] = []


class ClientSeed(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]{1,63}$")
    name: str
    kind: ClientKind = "service"
    roles: list[str] = []
    organisation: str | None = None
    services: list[str] = Field(min_length=1, description="The services whose audience it may ask for.")
    redirect_uris: list[str] = []


class Organisation(BaseModel):
    id: str
    name: str


class IdentitySeed(BaseModel):
    """The provider's part of identity.json (the services read `claims`, `token_type` and `audiences`)."""

    model_config = ConfigDict(extra="ignore")

    organisation: str = Field(description="The municipality's own organisation id, for its staff.")
    roles_by_discipline: dict[str, list[str]] = {}
    overrides: dict[str, Override] = Field({}, description="Extra roles or teams per professional id.")
    users: list[StaffUser] = []
    debt_assistance: list[Organisation] = Field(min_length=1)
    clients: list[ClientSeed] = []
    audiences: dict[str, str] = {}


@dataclass(frozen=True)
class Person:
    username: str
    name: str
    roles: tuple[str, ...]
    teams: tuple[str, ...]
    organisation: str
    employee_id: str | None = None


@dataclass(frozen=True)
class Registration:
    client_id: str
    name: str
    kind: ClientKind
    roles: tuple[str, ...]
    organisation: str | None
    audiences: tuple[str, ...]
    redirect_uris: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Seed:
    people: tuple[Person, ...]
    registrations: tuple[Registration, ...]


class SeedError(RuntimeError):
    """The configuration folder cannot seed the provider; the message names the file."""


def load_seed(config: Path) -> Seed:
    seed = _model(config / "identity.json")
    audience = {name: seed.audiences.get(name, f"wijk-{name}") for name in SERVICES}
    people = (*_professionals(config, seed), *(_staff(user) for user in seed.users))
    registrations = (
        *(
            _org_client(p["id"], p["name"], "care-provider", audience["care"], audience["iwmo"])  # its iWmo mailbox
            for p in _list(config, "providers")
        ),
        *(_org_client(p["id"], p["name"], "partner", audience["intake"]) for p in _list(config, "partners")),
        *(_org_client(d.id, d.name, "debt-assistance", audience["debt"]) for d in seed.debt_assistance),
        *(_registration(client, audience) for client in seed.clients),
    )
    _unique([p.username for p in people], "username", config)
    _unique([r.client_id for r in registrations], "client id", config)
    return Seed(tuple(people), tuple(registrations))


def _professionals(config: Path, seed: IdentitySeed) -> list[Person]:
    register = _read(config / "mandates.json")
    people = []
    for entry in register.get("professionals", []):
        team = entry.get("team_id")
        extra = seed.overrides.get(entry["id"], Override())
        roles = ["professional" if team else "municipal-professional"]
        roles += seed.roles_by_discipline.get(entry["role"], []) + extra.roles
        teams = ([team] if team else []) + extra.teams
        name, organisation = entry["name"], entry["organisation"]
        people.append(Person(entry["id"], name, _dedupe(roles), _dedupe(teams), organisation, entry["id"]))
    return people


def _staff(user: StaffUser) -> Person:
    """A staff member: the username is the employee id the facts and letters name (as a register id for a
    professional)."""
    return Person(user.username, user.name, tuple(user.roles), tuple(user.teams), user.organisation, user.username)


def _org_client(client_id: str, name: str, role: str, *audiences: str) -> Registration:
    """An organisation's client; a care provider's reaches care and the iWmo gateway (its messages)."""
    return Registration(client_id, name, "service", (role,), client_id, audiences)


def _registration(client: ClientSeed, audience: dict[str, str]) -> Registration:
    unknown = sorted(set(client.services) - set(audience))
    if unknown:
        raise SeedError(f"client {client.client_id}: unknown services {', '.join(unknown)}")
    audiences = tuple(audience[name] for name in client.services)
    return Registration(
        client.client_id, client.name, client.kind, tuple(client.roles), client.organisation, audiences,
        tuple(client.redirect_uris),
    )  # fmt: skip


def _model(path: Path) -> IdentitySeed:
    try:
        return IdentitySeed.model_validate(_read(path))
    except ValidationError as exc:
        raise SeedError(f"{path} is invalid: {exc}") from None


def _list(config: Path, name: str) -> list[dict[str, Any]]:
    return list(_read(config / f"{name}.json").get(name, []))


def _read(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise SeedError(f"{path} does not exist") from None
    except ValueError as exc:
        raise SeedError(f"{path} is not valid JSON: {exc}") from None


def _unique(values: list[str], what: str, config: Path) -> None:
    seen: set[str] = set()
    twice = sorted({v for v in values if v in seen or seen.add(v)})  # type: ignore[func-returns-value]
    if twice:
        raise SeedError(f"{config}: {what} used twice: {', '.join(twice)}")


def _dedupe(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
