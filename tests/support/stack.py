"""Run any set of the seven services in the test's own event loop, on the real broker and PostgreSQL."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

from tooling.catalog import definition
from wijk.service import ServiceRuntime
from wijk.settings import SERVICES, PlatformSettings, ServiceSettings

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Stack:
    def __init__(self, settings: PlatformSettings) -> None:
        self.settings = settings
        self.runtimes: dict[str, ServiceRuntime] = {}
        self.ports = {name: free_port() for name in SERVICES}

    async def start(self, names: Iterable[str] = SERVICES) -> Stack:
        """Start the services side by side (a consumer group join takes seconds on the embedded broker)."""
        runtimes = {
            name: ServiceRuntime(
                definition(name), self.settings, ServiceSettings.for_service(name, http_port=self.ports[name])
            )
            for name in names
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
        await asyncio.sleep(0.25)
        result = await probe()
    return result


def anything(_: Any) -> bool:
    return True
