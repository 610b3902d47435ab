"""Every municipality's identity.json seeds the provider: its professionals as users, its providers, partners
and debt assistance as clients, and only roles the rights matrix knows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tooling.identity_provider.seed import load_seed
from wijk.auth.config import load_resource_server_config
from wijk.auth.rights import load_rights

pytestmark = pytest.mark.unit
CONFIG = Path(__file__).resolve().parents[3] / "config"
MUNICIPALITIES = ["almelo", "almere", "helmond", "zaanstad"]
KNOWN_ROLES = {rule.role for rights in load_rights().actions.values() for rule in rights.rules} | {"partner"}


def _ids(name: str, municipality: str) -> set[str]:
    return {entry["id"] for entry in json.loads((CONFIG / municipality / f"{name}.json").read_text())[name]}


@pytest.mark.parametrize("municipality", MUNICIPALITIES)
def test_the_configuration_seeds_users_and_clients(municipality: str) -> None:
    seed = load_seed(CONFIG / municipality)
    users = {person.username: person for person in seed.people}
    clients = {client.client_id: client for client in seed.registrations}
    register = json.loads((CONFIG / municipality / "mandates.json").read_text())["professionals"]
    assert {p["id"] for p in register} <= set(users)
    assert _ids("providers", municipality) <= set(clients)
    assert _ids("partners", municipality) <= set(clients)
    roles = {role for person in users.values() for role in person.roles}
    roles |= {role for client in clients.values() for role in client.roles}
    assert roles <= KNOWN_ROLES, roles - KNOWN_ROLES
    assert {"controller", "council-member", "privacy-officer", "team-lead", "debt-assistance"} <= roles


@pytest.mark.parametrize("municipality", MUNICIPALITIES)
def test_a_professional_with_a_team_acts_for_that_team_and_one_without_is_municipality_wide(municipality: str) -> None:
    seed = load_seed(CONFIG / municipality)
    register = json.loads((CONFIG / municipality / "mandates.json").read_text())["professionals"]
    users = {person.username: person for person in seed.people}
    for entry in register:
        person = users[entry["id"]]
        assert person.employee_id == entry["id"]
        if entry["team_id"]:
            assert "professional" in person.roles and entry["team_id"] in person.teams
        else:
            assert "municipal-professional" in person.roles


@pytest.mark.parametrize("municipality", MUNICIPALITIES)
def test_the_services_read_the_same_file(municipality: str) -> None:
    config = load_resource_server_config(CONFIG / municipality / "identity.json")
    assert config.token_type == "at+jwt" and config.audience("reporting") == "wijk-reporting"
