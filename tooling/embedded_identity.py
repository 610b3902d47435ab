"""The OpenID Connect provider for embedded mode, as a child process beside PostgreSQL and the broker.

It is `tooling.identity_provider` (authlib's server components on Flask, served by waitress), seeded from the
municipality's configuration folder, with its signing key and every password and client secret generated on
first start in `<data>/identity/` (0600). `start()` returns once discovery answers and records how long
that took (`started_in`).
"""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import httpx

from tooling.identity_provider.credentials import Credentials, load_credentials
from tooling.ports import usable_port


class EmbeddedIdentity:
    def __init__(
        self, config: Path, data: Path, host: str = "127.0.0.1", port: int | None = None, log_path: Path | None = None
    ) -> None:
        self.config, self.data = config.resolve(), data.resolve()
        self.host, self.port, self.log_path = host, port, log_path
        self.started_in: float | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def issuer(self) -> str:
        if self.port is None:
            raise RuntimeError("EmbeddedIdentity has no port yet; call start() first")
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def credentials(self) -> Credentials:
        """The users' passwords and subjects and the clients' secrets of this data folder."""
        return load_credentials(self.data)

    def start(self, timeout: float = 30) -> str:
        """Spawn the provider, wait until its discovery document answers, return the issuer."""
        if self.running:
            return self.issuer
        began = time.monotonic()
        try:
            self.port = usable_port(self.host, self.port or 0)
        except OSError as exc:
            raise RuntimeError(f"cannot start the identity provider on {self.host}:{self.port}: {exc}") from exc
        argv = [sys.executable, "-m", "tooling.identity_provider", "--config", str(self.config)]
        argv += ["--data", str(self.data), "--host", self.host, "--port", str(self.port)]
        output: IO[bytes] | int = subprocess.DEVNULL
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = output = self.log_path.open("ab")
        self._proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=output, stderr=output, start_new_session=True
        )
        atexit.register(self.stop)
        self._wait_ready(timeout)
        self.started_in = time.monotonic() - began
        return self.issuer

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                break
            try:
                if httpx.get(f"{self.issuer}/.well-known/openid-configuration", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        code = None if self._proc is None else self._proc.poll()
        self.stop()
        raise RuntimeError(f"identity provider on {self.issuer} did not come up (exit {code}).\n{self._tail()}")

    def _tail(self, lines: int = 20) -> str:
        if self.log_path is None or not self.log_path.exists():
            return "(no provider log; pass log_path to keep one)"
        return "provider log tail:\n" + "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM the provider's process group, SIGKILL it after 5 s; idempotent (also registered at exit)."""
        proc, self._proc = self._proc, None
        atexit.unregister(self.stop)
        if proc is not None and proc.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(proc.pid, sig)
                    proc.wait(5)
                    break
                except ProcessLookupError:
                    break
                except subprocess.TimeoutExpired:
                    continue
        if self._log is not None:
            self._log.close()
            self._log = None
