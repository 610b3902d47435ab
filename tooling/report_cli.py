"""`wijk reporting rebuild` and `wijk report`: reporting's commands, run against the platform's PostgreSQL and
broker (the `WIJK_*` settings), with or without the reporting service running."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from wijk.settings import PlatformSettings

FORMATS = ("html", "pdf", "csv")


def register(commands: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add the two commands to `wijk`'s subparsers; returns their handlers by command name."""
    reporting = commands.add_parser("reporting", help="reporting's read models")
    reporting.add_argument("action", choices=["rebuild"], help="empty the read models and replay every fact topic")
    reporting.add_argument("--catch-up-seconds", type=float, default=30.0, help="wait for the live inbox (30)")
    reporting.add_argument(
        "--keep-if-different", action="store_true", help="keep the rebuild even when it differs from the live state"
    )
    report = commands.add_parser("report", help="the yearly accountability report: HTML, PDF and CSV, in Dutch")
    report.add_argument("--year", type=int, default=date.today().year - 1, help="the report's year (last year)")
    report.add_argument("--team", help="one team's report (default: the whole municipality)")
    report.add_argument("--as-of", type=datetime.fromisoformat, help="only facts that occurred by this moment")
    report.add_argument("--out", type=Path, default=Path("reports"), help="folder to write to (./reports)")
    report.add_argument("--format", action="append", choices=FORMATS, help="html, pdf, csv (default: all three)")
    return {"reporting": _rebuild, "report": _report}


def _rebuild(args: argparse.Namespace) -> int:
    from services.reporting.rebuild import rebuild

    outcome = asyncio.run(rebuild(PlatformSettings(), sys.stderr, args.catch_up_seconds, args.keep_if_different))
    print(outcome.describe())
    return 0 if outcome.equal else 1


def _report(args: argparse.Namespace) -> int:
    from services.reporting.publish import write_report

    written = asyncio.run(
        write_report(PlatformSettings(), args.year, args.team, args.as_of, args.out, tuple(args.format or FORMATS))
    )
    for path in written:
        print(path)
    return 0
