"""`wijk simulate --municipality <name> --year <year>`: an embedded stack for that municipality in simulation mode,
a year played on its simulated calendar, the report.

The municipality is one setting, `WIJK_MUNICIPALITY_CONFIG`, passed to every service; each municipality keeps its
own data folder, emptied at the start of a run so the report shows exactly the simulated year. The services read
their date from `<data>/clock.json` (`WIJK_SIMULATED_CLOCK`), which only the simulator moves.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kernel.clock import SIMULATED_CLOCK_ENV, set_clock
from tooling.ports import free_port
from wijk.settings import SERVICES

if TYPE_CHECKING:
    from tooling.simulate_scenario import Municipality


def simulation_mode(clock_file: Path, first_day: date) -> None:
    """Every service started from now on lives on the simulated clock in `clock_file`, starting at `first_day`;
    the simulator, not a timer, checks the statutory terms as the days pass."""
    set_clock(clock_file, first_day)
    os.environ[SIMULATED_CLOCK_ENV] = str(clock_file.resolve())
    os.environ["WIJK_INTAKE_TERM_CHECK_SECONDS"] = str(24 * 3600)
    os.environ["WIJK_DEBT_TERM_CHECK_SECONDS"] = str(24 * 3600)


def start_stack(data_dir: Path, municipality_setting: str | None, say: object = print, care_speaks_iwmo: bool = False):  # type: ignore[no-untyped-def]
    """An embedded stack on free ports with an empty database; the caller stops it. With `care_speaks_iwmo`,
    care's XML providers exchange iWmo XML with the gateway (`wijk simulate` follows them)."""
    from tooling.embedded_stack import EmbeddedStack

    if municipality_setting:
        os.environ["WIJK_MUNICIPALITY_CONFIG"] = municipality_setting
    os.environ.setdefault("WIJK_LOG_LEVEL", "WARNING")
    ports = {name: free_port() for name in SERVICES}
    stack = EmbeddedStack(data_dir, broker_port=free_port(), ports=ports, care_speaks_iwmo=care_speaks_iwmo)
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


def command(
    municipality: str, households: int, seed: int, year: int, data: Path | None, output: Path | None,
    iwmo_out: Path | None = None,
) -> int:  # fmt: skip
    from tooling.embedded_stack import StackError
    from tooling.simulate_report import print_report
    from tooling.simulate_settle import BusNotSettled
    from tooling.simulate_steps import SimulationError

    scenario = load_scenario(municipality)
    if scenario is None:
        return 2
    data_dir = (data or Path(".wijk") / "simulate" / scenario.name).resolve()
    name = scenario.config["municipality"]
    print(f"simulating {name} {year} on a simulated calendar: {households} households, seed {seed}; data in {data_dir}")
    stack = None
    try:
        simulation_mode(data_dir / "clock.json", date(year, 1, 2))
        stack = start_stack(data_dir, scenario.setting, care_speaks_iwmo=True)
        result = asyncio.run(play(stack, scenario, households, seed, year, data_dir / "clock.json"))
        print_report(result)
        if output:
            output.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
            print(f"\nresult written to {output}")
        if iwmo_out:
            return write_iwmo(stack, scenario, iwmo_out)
        return 0
    except (StackError, SimulationError, BusNotSettled) as exc:
        print(f"wijk simulate failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if stack is not None:
            print("stopping the stack ...")
            stack.stop()


def write_iwmo(stack: Any, scenario: Municipality, out: Path) -> int:
    """Every iWmo message of the run, both directions, one file each, read through each provider's mailbox with
    its own token; then every file checked against the official XSDs."""
    import httpx

    from tooling.identity_tokens import TokenError, TokenSource
    from tooling.iwmo_export import ExportError, check, export_mailboxes

    agb = {p["id"]: p["agb_code"] for p in scenario.config.get("providers", []) if p.get("agb_code")}
    tokens = TokenSource(stack.identity.issuer, stack.identity.credentials())
    try:
        written = export_mailboxes(stack.url("iwmo"), tokens, agb, out)
    except (ExportError, TokenError, httpx.HTTPError) as exc:
        print(f"wijk simulate: the iWmo messages could not be read: {exc}", file=sys.stderr)
        return 1
    types = ", ".join(f"{code} {count}" for code, count in sorted(written.items())) or "none"
    print(f"\niWmo messages written to {out}: {sum(written.values())} files, {len(written)} types ({types})")
    problems = check(out)
    for problem in problems:
        print(f"  invalid: {problem}", file=sys.stderr)
    print("  every file validates against its official XSD" if not problems else f"  {len(problems)} invalid")
    return 1 if problems else 0


async def play(stack: Any, scenario: Municipality, households: int, seed: int, year: int, clock: Path) -> Any:
    from tooling.simulate_settle import BusWatch
    from tooling.simulate_year import simulate_year

    watch = BusWatch(stack.settings())
    try:
        urls = {name: stack.url(name) for name in SERVICES}
        return await simulate_year(
            urls, stack.broker.bootstrap, watch, clock, scenario, households, seed, year, stack.auth()
        )
    finally:
        await watch.close()
