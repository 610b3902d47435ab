"""The embedded stack's ports: handed out below the kernel's ephemeral range, never twice by one process, and a
service that could not bind its port is caught at start instead of a stranger answering in its place (a scale-out
run once played its year against another test's intake, which had taken the port first)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from tooling.embedded_stack import EmbeddedStack, StackError
from tooling.ports import free_port, usable_port

pytestmark = pytest.mark.unit


def ephemeral_start() -> int:
    return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])


def test_ports_come_from_below_the_ephemeral_range_and_never_twice() -> None:
    ports = [free_port() for _ in range(200)]
    assert len(set(ports)) == len(ports)
    assert all(10_000 <= port < ephemeral_start() for port in ports)


def test_a_taken_port_is_refused_and_a_free_one_given() -> None:
    with socket.socket() as held:
        held.bind(("127.0.0.1", free_port()))
        held.listen()
        taken = held.getsockname()[1]
        with pytest.raises(OSError, match=f"port {taken} on 127.0.0.1 is taken"):
            usable_port("127.0.0.1", taken)
        assert usable_port("127.0.0.1", 0) != taken


class Ready(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # http.server's name for the GET handler
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def answering() -> Iterator[int]:
    """A port on which this test process answers every `GET` with 200, as a healthy service would."""
    server = HTTPServer(("127.0.0.1", free_port()), Ready)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_service_is_ready_only_when_its_own_process_answers_on_its_port(
    tmp_path: Path, answering: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    stack = EmbeddedStack(tmp_path, ports={"intake": answering})
    stranger = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        monkeypatch.setattr(stack.supervisor, "pids", lambda: {"intake": stranger.pid})
        with pytest.raises(StackError, match=f"intake does not hold its port {answering}"):
            stack._ready("intake")
        monkeypatch.setattr(stack.supervisor, "pids", lambda: {"intake": os.getpid()})
        assert stack._ready("intake")
    finally:
        stranger.kill()
        stranger.wait()
