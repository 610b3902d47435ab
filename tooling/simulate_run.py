"""`wijk simulate --municipality <name>`: an embedded stack for that municipality, a year played on it, the report.

The municipality is one setting, `WIJK_MUNICIPALITY_CONFIG`, passed to every service; each municipality keeps its
own data folder, emptied at the start of a run so the report shows exactly the simulated year.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wijk.settings import SERVICES

if TYPE_CHECKING:
    from tooling.simulate_scenario import Municipality


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_stack(data_dir: Path, municipality_setting: str | None, say: object = print):  # type: ignore[no-untyped-def]
    """An embedded stack on free ports with an empty database; the caller stops it."""
    from tooling.embedded_stack import EmbeddedStack

    if municipality_setting:
        os.environ["WIJK_MUNICIPALITY_CONFIG"] = municipality_setting
    os.environ.setdefault("WIJK_LOG_LEVEL", "WARNING")
    stack = EmbeddedStack(data_dir, broker_port=free_port(), ports={name: free_port() for name in SERVICES})
    stack.postgres.start()
    stack.postgres.reset_database()
    stack.start(say)  # type: ignore[arg-type]
    return stack


def load_scenario(name_or_path: str) -> Municipality | None:
    """The municipality's configuration set, or None after saying on stderr which one is missing."""
    from tooling.simulate_scenario import Municipality

    try:
        return Municipality.load(name_or_path)
    except FileNotFoundError as exc:
        print(f"no configuration set for {name_or_path!r}: {exc}", file=sys.stderr)
        return None


def command(municipality: str, households: int, seed: int, data: Path | None, output: Path | None) -> int:
    from tooling.embedded_stack import StackError
    from tooling.simulate import SimulationError, run
    from tooling.simulate_report import print_report

    scenario = load_scenario(municipality)
    if scenario is None:
        return 2
    data_dir = data or Path(".wijk") / "simulate" / scenario.name
    print(f"simulating {scenario.config['municipality']}: {households} households, seed {seed}; data in {data_dir}")
    stack = None
    try:
        stack = start_stack(data_dir, scenario.setting)
        urls = {name: stack.url(name) for name in SERVICES}
        result = run(urls, stack.broker.bootstrap, scenario, households, seed)
        print_report(result)
        if output:
            output.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
            print(f"\nresult written to {output}")
        return 0
    except (StackError, SimulationError) as exc:
        print(f"wijk simulate failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if stack is not None:
            print("stopping the stack ...")
            stack.stop()
