"""Where the cycles go: CPU seconds of each part of the stack (a process and all its descendants) over a run.

Read from Linux's /proc; elsewhere the figures are empty. Counted per household, CPU time is a steadier measure
of a change than throughput on a machine whose cores are shared by ten processes.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

PROC = Path("/proc")


def _processes() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, user + system clock ticks) of every live process."""
    found: dict[int, tuple[int, int]] = {}
    for entry in PROC.iterdir() if PROC.is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended meanwhile
        found[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    return found


def cpu_seconds(roots: dict[str, int]) -> dict[str, float]:
    """CPU seconds used so far by each named process tree, without the trees of the other named parts below it
    (the driver starts the services); processes that already ended are not counted."""
    processes = _processes()
    children: dict[int, list[int]] = defaultdict(list)
    for pid, (parent, _) in processes.items():
        children[parent].append(pid)
    ticks_per_second = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    used: dict[str, float] = {}
    named = set(roots.values())
    for name, root in roots.items():
        pending, ticks = [root], 0
        while pending:
            pid = pending.pop()
            ticks += processes.get(pid, (0, 0))[1]
            pending.extend(child for child in children.get(pid, ()) if child not in named)
        used[name] = ticks / ticks_per_second
    return used


def postmaster_pid(data_dir: Path) -> int | None:
    """PostgreSQL's postmaster pid, from the first line of `postmaster.pid` in its data folder."""
    try:
        return int((data_dir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def per_household(before: dict[str, float], after: dict[str, float], households: int) -> dict[str, float]:
    """CPU milliseconds per household for each part, largest first, and their total."""
    spent = {name: (after[name] - before.get(name, 0.0)) * 1000 / max(households, 1) for name in after}
    ordered = dict(sorted(((n, round(ms, 1)) for n, ms in spent.items()), key=lambda item: -item[1]))
    return {**ordered, "total": round(sum(spent.values()), 1)}
