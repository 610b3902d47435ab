"""A small process supervisor for embedded mode: one child process per service, restarted when it crashes.

Every child runs in its own session (process group), so Ctrl-C in the terminal reaches only the parent,
which then calls `stop()`. A crashed child is restarted after an exponential backoff (0.5 s, 1 s, 2 s, ...
up to 30 s); after `max_restarts` restarts within `window` seconds it is given up on, logged as an error and
reported as "failed". Children that stay up for `window` seconds get their backoff reset. A background
thread calls `check()`.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import signal
import subprocess
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

_log = logging.getLogger(__name__)


@dataclass
class _Child:
    """The bookkeeping of one supervised child."""

    name: str
    argv: list[str]
    env: dict[str, str]
    proc: subprocess.Popen[bytes] | None = None
    log: IO[bytes] | None = None
    state: str = "stopped"
    restart_at: float = 0.0
    started_at: float = 0.0
    restarts: deque[float] = field(default_factory=deque)
    last_exit: int | None = None


class Supervisor:
    """Runs named child processes with logs in `log_dir/<name>.log` and restarts them when they crash."""

    def __init__(self, log_dir: Path, max_restarts: int = 5, window: float = 60.0, base_backoff: float = 0.5) -> None:
        self.log_dir = Path(log_dir)
        self.max_restarts = max_restarts
        self.window = window
        self.base_backoff = base_backoff
        self._children: dict[str, _Child] = {}
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        """Register a child; `env` is its complete environment. Started by `start()` (or now, if started)."""
        with self._lock:
            if name in self._children:
                raise ValueError(f"child {name!r} already added")
            child = self._children[name] = _Child(name, list(argv), dict(env))
            if self._thread is not None:
                self._spawn(child)

    def start(self, poll_interval: float = 0.2) -> None:
        """Start every child and the background thread that watches them."""
        with self._lock:
            if self._thread is not None:
                return
            self.log_dir.mkdir(parents=True, exist_ok=True)
            self._stopping.clear()
            for child in self._children.values():
                self._spawn(child)
            watcher = threading.Thread(target=self._watch, args=(poll_interval,), daemon=True)
            self._thread = watcher
            watcher.start()
            atexit.register(self.stop)

    def _spawn(self, child: _Child) -> None:
        """Start one child in its own session, appending its output to its log file."""
        if child.log is None:
            child.log = (self.log_dir / f"{child.name}.log").open("ab")
        try:
            child.proc = subprocess.Popen(
                child.argv,
                env=child.env,
                stdin=subprocess.DEVNULL,
                stdout=child.log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as exc:
            _log.error("cannot start %s: %s", child.name, exc)
            child.proc, child.state = None, "failed"
            return
        child.state, child.started_at = "running", time.monotonic()
        _log.info("started %s (pid %d)", child.name, child.proc.pid)

    def _watch(self, poll_interval: float) -> None:
        """Background loop: `check()` until `stop()`."""
        while not self._stopping.wait(poll_interval):
            self.check()

    def check(self) -> None:
        """Notice crashed children, schedule their restart with backoff, and restart those that are due."""
        now = time.monotonic()
        with self._lock:
            if self._stopping.is_set():
                return
            for child in self._children.values():
                if child.state == "running" and child.proc is not None and child.proc.poll() is not None:
                    self._crashed(child, now)
                elif child.state == "restarting" and now >= child.restart_at:
                    child.restarts.append(now)
                    self._spawn(child)
                elif child.state == "running" and child.restarts and now - child.started_at >= self.window:
                    child.restarts.clear()

    def _crashed(self, child: _Child, now: float) -> None:
        """Decide what to do with a child that exited on its own."""
        assert child.proc is not None
        child.last_exit = child.proc.returncode
        while child.restarts and now - child.restarts[0] > self.window:
            child.restarts.popleft()
        if len(child.restarts) >= self.max_restarts:
            child.state = "failed"
            log_file = self.log_dir / f"{child.name}.log"
            _log.error(
                "%s exited with code %s; gave up after %d restarts in %.0f s, see %s",
                *(child.name, child.last_exit, len(child.restarts), self.window, log_file),
            )
            return
        delay = min(self.base_backoff * 2 ** len(child.restarts), 30.0)
        child.state, child.restart_at = "restarting", now + delay
        _log.warning("%s exited with code %s; restarting in %.1f s", child.name, child.last_exit, delay)

    def status(self) -> dict[str, str]:
        """The state of every child: "running", "restarting", "failed" ("stopped" before start/after stop)."""
        with self._lock:
            return {name: child.state for name, child in self._children.items()}

    def pids(self) -> dict[str, int]:
        """The pid of every child process that was started, alive or not."""
        with self._lock:
            return {name: c.proc.pid for name, c in self._children.items() if c.proc is not None}

    def stop_child(self, name: str, timeout: float = 15) -> None:
        """SIGTERM one child's process group and wait for it (SIGKILL after `timeout` s); it stays stopped, not
        restarted, until the supervisor stops (the bench takes reporting's live inbox off the bus this way)."""
        with self._lock:
            child = self._children[name]
            child.state = "stopped"
            if child.proc is None:
                return
            _signal_group(child, signal.SIGTERM)
            try:
                child.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                _signal_group(child, signal.SIGKILL)
                child.proc.wait()

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM every child's process group, wait up to `timeout` s, then SIGKILL the rest.

        Idempotent, and registered at exit so an unhandled exception in the parent leaves no children behind.
        """
        self._stopping.set()
        atexit.unregister(self.stop)
        with self._lock:
            thread, self._thread = self._thread, None
            started = [c for c in self._children.values() if c.proc is not None]
            for child in started:  # also the groups of crashed leaders, for leftover grandchildren
                _signal_group(child, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            for child in started:
                assert child.proc is not None
                try:
                    child.proc.wait(max(deadline - time.monotonic(), 0.0))
                except subprocess.TimeoutExpired:
                    _log.warning("%s ignored SIGTERM for %.0f s; killing it", child.name, timeout)
                    _signal_group(child, signal.SIGKILL)
                    child.proc.wait()
            for child in self._children.values():
                _signal_group(child, signal.SIGKILL)
                if child.log is not None:
                    child.log.close()
                    child.log = None
                child.state = "stopped"
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)

    def __enter__(self) -> Supervisor:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _signal_group(child: _Child, sig: signal.Signals) -> None:
    """Send `sig` to the child's whole process group, ignoring groups that are already gone."""
    if child.proc is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.proc.pid, sig)
