"""The compose deployment has no default secret and publishes only its documented ingress (issue 18, #5 and #7).

On the branch point compose started with `change-me` and `change-me-too`, and published intake, reporting and
OTLP on all interfaces.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.contract
ROOT = Path(__file__).resolve().parents[2]
COMPOSE = (ROOT / "docker-compose.yml").read_text()
ROLES = ("intake", "planning", "budget", "backoffice", "care", "debt", "reporting")
SECRETS = (
    "WIJK_PG_PASSWORD",
    *(f"WIJK_PG_PASSWORD_{service.upper()}" for service in ROLES),
    "WIJK_INTAKE_BLIND_INDEX_SECRET",
    "WIJK_INTAKE_KEK_FILE",
    "WIJK_GRAFANA_ADMIN_PASSWORD",
)
INGRESS = {"intake": 8101, "reporting": 8107, "iwmo": 8108, "grafana": 3000}
"""The residents' and partners' front door, the council's reports, and the operations team's Grafana (its own login)."""


def services() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE)["services"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("variable", SECRETS)
def test_compose_refuses_to_start_without_each_secret(variable: str) -> None:
    assert re.search(r"\$\{" + variable + r":\?[^}]+\}", COMPOSE), f"{variable} must be ${{{variable}:?...}}"


def test_no_secret_has_a_default_value() -> None:
    assert not re.search(r"\$\{WIJK_\w*(PASSWORD|SECRET|KEY|KEK)\w*:-", COMPOSE)
    assert "change-me" not in COMPOSE


def test_only_the_documented_ingress_is_published_and_only_on_loopback_by_default() -> None:
    published = {name: service.get("ports", []) for name, service in services().items() if service.get("ports")}
    assert set(published) == set(INGRESS)
    for name, ports in published.items():
        assert ports == [f"${{WIJK_INGRESS_ADDRESS:-127.0.0.1}}:{INGRESS[name]}:{INGRESS[name]}"]


def test_everything_runs_on_an_internal_network_and_only_the_ingress_leaves_it() -> None:
    document = yaml.safe_load(COMPOSE)
    assert document["networks"]["backend"]["internal"] is True
    for name, service in services().items():
        networks = set(service.get("networks", []))
        assert networks == ({"backend", "ingress"} if name in INGRESS else {"backend"}), name


def test_env_files_are_never_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert ".env" in ignored and "secrets.env" in ignored


def test_each_service_connects_as_its_own_role_and_only_the_provisioning_as_the_admin() -> None:
    found = services()
    for name in ROLES:
        environment = found[name]["environment"]
        assert environment["WIJK_PG_USER"] == f"wijk_{name}", name
        assert environment["WIJK_PG_PASSWORD"].startswith(f"${{WIJK_PG_PASSWORD_{name.upper()}:?"), name
        assert "db-provision" in found[name]["depends_on"], f"{name} starts only after its role is made"
    admins = {name for name, service in found.items() if "${WIJK_PG_PASSWORD:?" in str(service.get("environment"))}
    assert admins == {"db-provision", "postgres"}
    assert found["db-provision"]["command"][:2] == ["db", "provision"]
