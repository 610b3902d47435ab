"""A real service on ServiceRuntime, given an issuer: every route of its OpenAPI document needs a token; health,
readiness, metrics and the API documents stay public; and a valid token of another service is refused."""

from __future__ import annotations

import httpx
import pytest

from tests.support.identity import IdentityProvider
from tests.support.stack import Stack
from wijk.auth.routes import route_actions

pytestmark = pytest.mark.integration


async def test_every_route_of_a_running_service_needs_a_token(own_stack: Stack, identity: IdentityProvider) -> None:
    """A stack of its own: debt alone, so that its access log holds this test's records only."""
    stack = await own_stack.start(["debt"])
    routes = route_actions(stack["debt"].http)  # type: ignore[arg-type]
    assert routes and "GET /access-log" in routes
    foreign = {"Authorization": f"Bearer {identity.client_token('schuldhulp-almere', 'debt')}"}
    elsewhere = {"Authorization": f"Bearer {identity.user_token('coach.jansen', 'planning')}"}
    async with httpx.AsyncClient(base_url=stack.url("debt")) as client:  # no token of its own
        for public in ("/health", "/ready", "/metrics", "/openapi.json", "/docs"):
            assert (await client.get(public)).status_code == 200, public
        for route in routes:
            method, path = route.split(" ", 1)
            url = path.replace("{trajectory_id}", "00000000-0000-0000-0000-000000000001")
            assert (await client.request(method, url)).status_code == 401, route
            assert (await client.request(method, url, headers=elsewhere)).status_code == 401, route
        assert (await client.get("/access-log", headers=foreign)).status_code == 403
        metrics = (await client.get("/metrics")).text
    assert "wijk_access_log_written_total" in metrics
