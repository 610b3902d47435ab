"""The role x route matrix of `config/rights.json`, row by row, on the real stack: for every action a holder of
the rule's role passes the door (what follows is the route's own answer: 404 for an unknown id, 422 for a missing
body), and a caller without it gets 403 naming the rule; every route of the eight services declares its action.
The scopes are tested where they bite: a provider acting on another provider's assignment
(tests/integration/care/test_provider_reports.py), a professional of team A reading team B's household
(tests/integration/intake/test_erasure_leaves_nothing.py), and the two cases below."""

from __future__ import annotations

import re
from uuid import uuid4

import pytest

from tests.support.stack import Stack
from wijk.auth.rights import load_rights
from wijk.auth.routes import route_actions

pytestmark = pytest.mark.integration
SERVICES = ("intake", "planning", "budget", "backoffice", "care", "debt", "reporting", "iwmo")
HOLDER = {
    "professional": {"user": "j.de.vries"}, "municipal-professional": {"user": "r.smit"},
    "team-lead": {"user": "t.visser"}, "controller": {"user": "controller"}, "council-member": {"user": "raadslid"},
    "privacy-officer": {"user": "privacy"}, "backoffice": {"user": "backoffice"},
    "objection-officer": {"user": "jurist"},
    "care-provider": {"org": "zorg-flevoland"}, "debt-assistance": {"org": "schuldhulp-almere"},
    "operator": {"org": "wijk-operator"}, "iwmo-gateway": {"org": "wijk-iwmo"},
}  # fmt: skip
"""Who holds each platform role among Almere's seeded users and clients."""
OUTSIDERS = ("raadslid", "backoffice", "j.de.vries")
"""Users who may ask a token for any of the services (the public client `wijk-cli`)."""
PARAMETERS = {"year": "2026", "team_id": "wijkteam-haven", "line": "wmo", "clock_id": "decision", "life_domain": "care"}


def concrete(path: str) -> str:
    return re.sub(r"\{([^}]+)\}", lambda m: PARAMETERS.get(m.group(1), str(uuid4())), path)


def routes_by_action(stack: Stack) -> dict[str, tuple[str, str, str]]:
    """One (service, method, path) per action, from the running services' own routes."""
    found: dict[str, tuple[str, str, str]] = {}
    for service in SERVICES:
        for route, action in route_actions(stack[service].http).items():  # type: ignore[arg-type]
            assert action is not None, f"{service} {route} declares no right"
            method, path = route.split(" ", 1)
            found.setdefault(action, (service, method, path))
    return found


def refused_by_role(answer: object) -> bool:
    status, body = getattr(answer, "status_code", 0), getattr(answer, "json", lambda: {})()
    return status == 403 and "the caller's roles are" in str(body.get("detail", ""))


async def test_every_row_of_the_matrix_opens_to_its_roles_and_to_no_one_else(stack: Stack) -> None:
    rights, routes = load_rights(), routes_by_action(stack)
    assert set(routes) == set(rights.actions), "every action is some route's, and every route's action is a row"
    for action, (service, method, path) in sorted(routes.items()):
        rules = rights.of(action).rules
        roles = {rule.role for rule in rules}
        url = concrete(path)
        holder = HOLDER[rules[0].role]
        async with stack.client(service, **holder, timeout=30) as client:
            allowed = await client.request(method, url, json={} if method == "POST" else None)
        assert allowed.status_code != 401 and not refused_by_role(allowed), (action, holder, allowed.text)
        outsider = next(name for name in OUTSIDERS if not roles & _roles_of(name))
        async with stack.client(service, user=outsider, timeout=30) as client:
            refused = await client.request(method, url, json={} if method == "POST" else None)
        assert refused.status_code == 403, (action, outsider, refused.text)
        assert refused.json()["action"] == action and refused.json()["rule"] == " or ".join(map(str, rules))


def _roles_of(username: str) -> set[str]:
    return {"raadslid": {"council-member"}, "backoffice": {"backoffice"}, "j.de.vries": {"professional"}}[username]


async def test_scopes_a_team_lead_sees_its_own_team_and_a_debt_organisation_its_own_trajectories(stack: Stack) -> None:
    async with stack.client("budget", user="t.visser") as lead, stack.client("debt", org="schuldhulp-almere") as debt:
        own = await lead.get("/budgets/wijkteam-haven/2026/wmo")
        other = await lead.get("/budgets/wijkteam-stad/2026/wmo")
        everything = await lead.get("/reserves/2026")  # municipality-wide: the controller's
        unknown = await debt.get(f"/trajectories/{uuid4()}")
    assert own.status_code == 200
    assert other.status_code == everything.status_code == 403
    assert other.json()["rule"] == "team-lead@own-team" and "wijkteam-stad" in other.json()["detail"]
    assert unknown.status_code == 404  # past the door, the trajectory is looked up
