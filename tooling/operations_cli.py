"""`wijk status` and `wijk trace`: what an operator looks at on a running stack."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wijk.settings import SERVICES, PlatformSettings, ServiceSettings

Handler = Callable[[argparse.Namespace], int]
LOG_WIDTH = 160
"""Columns of the table when the output is a log or a pipe, not a terminal that says how wide it is."""


def register(commands: Any) -> dict[str, Handler]:
    status = commands.add_parser(
        "status", help="health, readiness, lag, throughput and dead letters of every service (live on a terminal)"
    )
    status.add_argument("--host", default="127.0.0.1", help="where the services listen (default 127.0.0.1)")
    status.add_argument(
        "--url", action="append", default=[], type=instance_url, metavar="NAME=URL",
        help="a service or another instance of one, e.g. planning-2=http://127.0.0.1:9102 (repeatable)",
    )  # fmt: skip
    status.add_argument("--interval", type=seconds, default=2.0, help="seconds between samples (default 2)")
    status.add_argument("--once", action="store_true", help="print once and exit, also on a terminal")
    trace = commands.add_parser("trace", help="the span tree of a household's traces, from the stack's span files")
    trace.add_argument("household", help="the household's pseudonymous id")
    trace.add_argument(
        "--data", type=Path, default=None, help="the stack's data folder (default: `wijk up`'s, .wijk/<municipality>)"
    )
    return {"status": _status, "trace": _trace}


def instance_url(text: str) -> tuple[str, str]:
    """An argparse type: `NAME=URL`."""
    name, _, url = text.partition("=")
    if not name or not url.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"expected NAME=http://host:port, got {text!r}")
    return name, url.rstrip("/")


def seconds(text: str) -> float:
    """An argparse type: a positive number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, got {value}")
    return value


def _status(args: argparse.Namespace) -> int:
    from rich.console import Console

    from tooling.status import command

    urls = {name: f"http://{args.host}:{ServiceSettings.for_service(name).http_port}" for name in SERVICES}
    urls.update(dict(args.url))
    console = Console() if sys.stdout.isatty() else Console(width=LOG_WIDTH)
    return command(urls, args.interval, live=False if args.once else None, console=console)


def _trace(args: argparse.Namespace) -> int:
    from rich.console import Console

    from tooling.trace import command

    console = Console() if sys.stdout.isatty() else Console(width=LOG_WIDTH)
    return command(args.household, args.data or default_data(), console)


def default_data() -> Path:
    """`wijk up`'s data folder: .wijk/<municipality> (WIJK_MUNICIPALITY_CONFIG, else almere)."""
    from tooling.simulate_scenario import Municipality

    return Path(".wijk") / Municipality.load(PlatformSettings().municipality_config or "almere").name
