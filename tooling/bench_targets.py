"""Issue 14's targets, each beside what the bench measured in the same run and their ratio, as a `rich` table.

A target is met or not by the figures of this run only; `None` when the run did not measure it (a rebuild at scale
of 0 facts, no `--scale`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

CPU_MS_PER_HOUSEHOLD = 80.0
"""The platform's CPU per household (seven services, PostgreSQL, the broker; not the driver), at most."""
P99_SECONDS = 1.0
"""Latency melding -> care started, 8 at a time, 99th percentile, below."""
CEILING_SHARE = 0.9
"""Households per second against the CPU ceiling, at least."""
REBUILD_FACTS_PER_S = 50_000.0
REBUILD_FACTS = 100_000
"""The rebuild's rate, at least, over at least this many facts."""
FLAT = 1.1
"""CPU per household at the largest scale against the smallest, at most: flat, allowing this box's noise."""


@dataclass(frozen=True)
class Target:
    name: str
    target: str
    measured: str
    ratio: float | None
    """Measured against the target, in the direction where >= 1 means met."""
    met: bool | None


def platform_cpu(cpu: dict[str, float]) -> float:
    """CPU milliseconds per household of the platform: everything measured but the driver."""
    return round(cpu.get("total", 0.0) - cpu.get("driver", 0.0), 1)


def targets(result: dict[str, Any]) -> list[Target]:
    piped, cpu, ratios = result["pipeline"], result["cpu_ms_per_household"], result["ratios"]
    found = [
        _at_most("CPU per household, platform", CPU_MS_PER_HOUSEHOLD, platform_cpu(cpu), "ms"),
        _at_most("latency p99, 8 at a time", P99_SECONDS, piped["latency_p99_s"], "s"),
        _at_least("households/s vs CPU ceiling", CEILING_SHARE, ratios["pipeline_households_per_s_vs_cpu_ceiling"], ""),
    ]
    scaled = result.get("rebuild_at_scale")
    if scaled:
        rate, facts = scaled["facts_per_s"], scaled["facts"]
        found.append(
            Target(
                "reporting rebuild",
                f">= {REBUILD_FACTS_PER_S:,.0f} facts/s over >= {REBUILD_FACTS:,} facts",
                f"{rate:,.0f} facts/s over {facts:,} facts" + ("" if scaled["equal_to_live"] else ", NOT equal"),
                round(rate / REBUILD_FACTS_PER_S, 3),
                rate >= REBUILD_FACTS_PER_S and facts >= REBUILD_FACTS and scaled["equal_to_live"],
            )
        )
    else:
        found.append(Target("reporting rebuild", f">= {REBUILD_FACTS_PER_S:,.0f} facts/s", "not run", None, None))
    scale = result.get("scale")
    if scale:
        first, last = scale[0], scale[-1]
        growth = last["platform_cpu_ms_per_household"] / first["platform_cpu_ms_per_household"]
        found.append(
            Target(
                "CPU per household flat with the work",
                f"{last['households']:,} vs {first['households']:,} households <= {FLAT}x",
                " / ".join(f"{s['platform_cpu_ms_per_household']} ms" for s in scale),
                round(FLAT / growth, 3),
                growth <= FLAT,
            )
        )
    else:
        found.append(Target("CPU per household flat with the work", "--scale 100,1000,5000", "not run", None, None))
    return found


def _at_most(name: str, target: float, measured: float, unit: str) -> Target:
    ratio = round(target / measured, 3) if measured else None
    return Target(name, f"<= {target:g} {unit}".strip(), f"{measured:g} {unit}".strip(), ratio, measured <= target)


def _at_least(name: str, target: float, measured: float, unit: str) -> Target:
    ratio = round(measured / target, 3) if target else None
    return Target(name, f">= {target:g} {unit}".strip(), f"{measured:g} {unit}".strip(), ratio, measured >= target)


def table(found: list[Target], load: str) -> Table:
    shown = Table(title=f"issue 14's targets (load average {load})", title_justify="left")
    for column in ("target", "wanted", "measured"):
        shown.add_column(column)
    shown.add_column("ratio (>= 1: met)", justify="right")
    shown.add_column("met", justify="center")
    for t in found:
        verdict = "-" if t.met is None else ("yes" if t.met else "no")
        shown.add_row(t.name, t.target, t.measured, "-" if t.ratio is None else f"{t.ratio:.3f}", verdict)
    return shown


def scale_table(scale: list[dict[str, Any]]) -> Table:
    shown = Table(title="CPU per household as the work grows (one stack, households added in turn)",
                  title_justify="left")  # fmt: skip
    columns = ("households", "care started", "platform ms", "planning ms", "reporting ms", "households/s", "p99 s",
               "seconds")  # fmt: skip
    for column in columns:
        shown.add_column(column, justify="right")
    for s in scale:
        shown.add_row(
            f"{s['households']:,}", f"{s['care_started']:,}", f"{s['platform_cpu_ms_per_household']}",
            f"{s['cpu_ms_per_household']['planning']}",
            f"{s['cpu_ms_per_household']['reporting']}", f"{s['households_per_s']}", f"{s['latency_p99_s']}",
            f"{s['seconds']}",
        )  # fmt: skip
    return shown


def show(result: dict[str, Any]) -> None:
    console = Console(width=max(Console().width, 130))
    if result.get("scale"):
        console.print(scale_table(result["scale"]))
    console.print(table(targets(result), result.get("load_average", "?")))
