"""Free TCP ports for the processes of an embedded stack, the identity provider and the broker.

A port taken by asking the kernel for any free one (`bind(("127.0.0.1", 0))`) comes from the ephemeral range, the
same range every outgoing connection takes its own port from. Between picking the port and the service binding it
seconds later, a connection to PostgreSQL or the broker may take it: the service then fails with "address already
in use", and whatever else listens there answers in its place. So the ports handed out here come from below the
ephemeral range, which outgoing connections never use, one after another from a starting point drawn from this
process's id: two processes starting stacks at once (pytest-xdist workers, two `wijk simulate`) walk different
stretches of the range, and one process never hands out the same port twice while the range lasts.
"""

from __future__ import annotations

import itertools
import os
import socket
import threading
from pathlib import Path

HOST = "127.0.0.1"
_LOWEST = 10_000  # above the well-known and most registered defaults (PostgreSQL 5432, Kafka 9092, ...)
_EPHEMERAL = Path("/proc/sys/net/ipv4/ip_local_port_range")


def _below_ephemeral() -> range:
    """The ports from `_LOWEST` up to the kernel's first ephemeral port (32768 where it cannot be read)."""
    try:
        first = int(_EPHEMERAL.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        first = 32_768
    return range(_LOWEST, max(first, _LOWEST + 1_000))


_RANGE = _below_ephemeral()
_lock = threading.Lock()
_next = itertools.count((os.getpid() * 2_654_435_761) % len(_RANGE))  # Knuth's multiplicative hash spreads pids


def port_is_free(port: int, host: str = HOST) -> bool:
    """Whether `port` on `host` can be bound right now (a port in TIME_WAIT counts as free)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = HOST) -> int:
    """A port on `host` that nothing listens on now and that no outgoing connection will take (see above)."""
    with _lock:
        for _ in range(len(_RANGE)):
            port = _RANGE[next(_next) % len(_RANGE)]
            if port_is_free(port, host):
                return port
    raise OSError(f"no free TCP port on {host} between {_RANGE.start} and {_RANGE.stop - 1}")


def usable_port(host: str = HOST, port: int = 0) -> int:
    """`port` when it is free on `host` right now, else OSError; a port from `free_port` when 0."""
    if not port:
        return free_port(host)
    if not port_is_free(port, host):
        raise OSError(f"port {port} on {host} is taken")
    return port
