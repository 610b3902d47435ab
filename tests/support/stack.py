"""Run any set of the seven services in the test's own event loop, on the real broker and PostgreSQL.

The session's shared stack runs all seven (tests/conftest.py); a stack of its own also carries the broker it
runs on, for the fault tests that restart it.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

from tooling.catalog import definition
from tooling.embedded_broker import EmbeddedBroker
from wijk.service import ServiceRuntime
from wijk.settings import SERVICES, PlatformSettings, ServiceSettings

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Stack:
    def __init__(self, settings: PlatformSettings, broker: EmbeddedBroker | None = None) -> None:
        self.settings = settings
        self.broker = broker
        self.runtimes: dict[str, ServiceRuntime] = {}
        self.ports = {name: free_port() for name in SERVICES}

    @property
    def bootstrap(self) -> str:
        return self.settings.kafka_bootstrap

    async def start(self, names: Iterable[str] = SERVICES) -> Stack:
        """Start those of the services that do not run yet, side by side (each consumer group join waits half the
        session timeout); on the shared stack, where all seven run, this starts nothing."""
        runtimes = {
            name: ServiceRuntime(
                definition(name), self.settings, ServiceSettings.for_service(name, http_port=self.ports[name])
            )
            for name in names
            if name not in self.runtimes
        }
        self.runtimes.update(runtimes)
        await asyncio.gather(*(runtime.start() for runtime in runtimes.values()))
        return self

    async def stop(self, names: Iterable[str] | None = None) -> None:
        for name in list(names or self.runtimes):
            runtime = self.runtimes.pop(name, None)
            if runtime is not None:
                await runtime.stop()

    def __getitem__(self, name: str) -> ServiceRuntime:
        return self.runtimes[name]

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"


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
