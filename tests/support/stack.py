"""Run any set of the seven services in the test's own event loop, on the real broker and PostgreSQL.

The session's shared stack runs all seven (tests/conftest.py); a stack of its own also carries the broker it
runs on, for the fault tests that restart it. Every stack validates the session identity provider's tokens:
`stack.client("planning")` is an HTTP client that sends them, as the service's default identity (below) or as
`user=` / `org=` says.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from tooling.catalog import definition
from tooling.embedded_broker import EmbeddedBroker
from tooling.identity_tokens import Identity, ServiceAuth, default_identities, org, user
from tooling.pg_roles import provision, role_name
from tooling.ports import free_port
from wijk.service import ServiceRuntime
from wijk.settings import SERVICES, PlatformSettings, ServiceSettings

if TYPE_CHECKING:  # imported as the pytest plugin it is (tests/conftest.py), so that pytest rewrites it
    from tests.support.identity import IdentityProvider

T = TypeVar("T")
TEAM_PROFESSIONAL = {
    "wijkteam-haven": "j.de.vries",
    "wijkteam-stad": "coach.jansen",
    "wijkteam-buiten": "coach.de-vries",
    "wijkteam-poort": "coach.bakker",
}
"""A professional of each of Almere's teams (mandates.json), each with a Wmo mandate: who reads a household's
personal data (only its own team may) and decides for it."""


class Stack:
    def __init__(
        self, settings: PlatformSettings, identity: IdentityProvider, broker: EmbeddedBroker | None = None
    ) -> None:
        if settings.identity_issuer != identity.issuer:
            raise ValueError("a test stack validates the session provider's tokens: settings_for(identity=...)")
        self.settings = settings
        self.identity = identity
        self.defaults = default_identities(identity.embedded.config)
        """Who a client acts as unless the test says: the municipality-wide professional at intake and planning,
        the controller at budget, the backoffice user, the first care provider at care and iWmo, the first debt
        assistance organisation at debt, the council member at reporting."""
        self.broker = broker
        self.runtimes: dict[str, ServiceRuntime] = {}
        self.ports = {name: free_port() for name in SERVICES}
        self.provisioned = False

    def service_settings(self, name: str) -> PlatformSettings:
        """The settings a service runs with: the stack's, connecting as the service's own PostgreSQL role (no
        password: the embedded server trusts its socket). `self.settings` stay the admin's, for a test's checks."""
        return self.settings.model_copy(update={"pg_user": role_name(name), "pg_password": ""})

    @property
    def bootstrap(self) -> str:
        return self.settings.kafka_bootstrap

    async def start(self, names: Iterable[str] = SERVICES) -> Stack:
        """Start those of the services that do not run yet, side by side (each consumer group join waits half the
        session timeout); on the shared stack, where all seven run, this starts nothing."""
        if not self.provisioned:  # as the admin, as an operator would: then each service runs as its own role
            await asyncio.to_thread(provision, self.settings.pg_dsn(), dict.fromkeys(SERVICES))
            self.provisioned = True
        runtimes = {
            name: ServiceRuntime(
                definition(name),
                self.service_settings(name),
                ServiceSettings.for_service(name, http_port=self.ports[name]),
            )
            for name in names
            if name not in self.runtimes
        }
        self.runtimes.update(runtimes)
        await asyncio.gather(*(runtime.start() for runtime in runtimes.values()))
        return self

    async def stop(self, names: Iterable[str] | None = None) -> None:
        """Stop those services side by side: after a broker restart a consumer may take seconds to leave its group
        (aiokafka lets its coordination task finish first), and one after another those seconds add up."""
        stopping = [runtime for name in list(names or self.runtimes) if (runtime := self.runtimes.pop(name, None))]
        await asyncio.gather(*(runtime.stop() for runtime in stopping))

    def __getitem__(self, name: str) -> ServiceRuntime:
        return self.runtimes[name]

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def client(self, name: str, *, user: str | None = None, org: str | None = None, **kw: Any) -> httpx.AsyncClient:
        """An HTTP client for service `name` that sends a bearer token fetched the way real clients do: as
        professional or staff member `user` (code + PKCE), as organisation `org` (client credentials), or as
        the service's default identity."""
        return httpx.AsyncClient(base_url=self.url(name), auth=self.auth(name, user=user, org=org), **kw)

    def auth(self, name: str, *, user: str | None = None, org: str | None = None) -> ServiceAuth:
        """The bearer auth of `client(...)`, for a client a test builds itself."""
        return ServiceAuth(self.identity.tokens, {name: self.url(name)}, {name: self.identity_of(name, user, org)})

    def use_identity(self, identity: IdentityProvider, **settings: object) -> Stack:
        """Before `start`: validate another provider's tokens (another municipality's), with other settings."""
        assert not self.runtimes, "a running stack keeps its provider"
        update = {**settings, "identity_issuer": identity.issuer}
        self.settings = self.settings.model_copy(update=update)
        self.identity, self.defaults = identity, default_identities(identity.embedded.config)
        return self

    def every_service(self) -> ServiceAuth:
        """The auth of a tool driving every service (simulator, scenario): each service's default identity."""
        return ServiceAuth(self.identity.tokens, {name: self.url(name) for name in SERVICES}, self.defaults)

    def identity_of(self, name: str, username: str | None, client_id: str | None) -> Identity:
        if username and client_id:
            raise ValueError("a client acts as a user or as an organisation, not both")
        if username:
            return user(username)
        return org(client_id) if client_id else self.defaults[name]


async def eventually(probe: Callable[[], Awaitable[T]], done: Callable[[T], bool], timeout: float = 60) -> T:
    """Poll until `done(result)`; fail with the last result when the timeout passes."""
    deadline = time.monotonic() + timeout
    result = await probe()
    while not done(result):
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not reached within {timeout}s; last result: {result!r}")
        await asyncio.sleep(0.1)
        result = await probe()
    return result
