"""The municipality's calendar: dates that the law counts are dates in Europe/Amsterdam, not datetimes.

`today()` is the wall-clock date in Amsterdam. Simulation mode, and only there: when the environment variable
`WIJK_SIMULATED_CLOCK` names a file, `today()` is the date written in that file, which the simulator
(`wijk simulate`) advances day by day while every service process reads it. The mode is explicit and loud: a
service on a simulated clock logs it at start and shows it on `/health`; a named file that is missing or broken is
an error, never a silent fall-back to the wall clock. Nothing sets the variable outside the simulator
(docker-compose.yml never does; a contract test checks it).

The file holds `{"date": "2027-03-15", "set_at": <unix seconds>}`. `now()` on a simulated day is that day at
08:00 plus the wall-clock time since the simulator set it (at most until 23:59:59), so moments stay in order
within a day and across days.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

MUNICIPAL_TZ = ZoneInfo("Europe/Amsterdam")
SIMULATED_CLOCK_ENV = "WIJK_SIMULATED_CLOCK"
DAY_STARTS = timedelta(hours=8)
LAST_MOMENT = timedelta(hours=23, minutes=59, seconds=59)


class ClockError(RuntimeError):
    """The simulated clock was asked for but cannot be read."""


@dataclass(frozen=True)
class SimulatedDay:
    day: date
    set_at: float
    """Wall-clock unix time at which the simulator moved the clock to `day`."""


_cache: dict[tuple[str, int, int], SimulatedDay] = {}


def today() -> date:
    simulated = simulated_day()
    return simulated.day if simulated else datetime.now(MUNICIPAL_TZ).date()


def now() -> datetime:
    """The current moment in Amsterdam; on a simulated clock, a moment on the simulated day."""
    simulated = simulated_day()
    if simulated is None:
        return datetime.now(MUNICIPAL_TZ)
    elapsed = timedelta(seconds=max(time.time() - simulated.set_at, 0.0))
    start = datetime.combine(simulated.day, datetime.min.time(), MUNICIPAL_TZ)
    return start + min(DAY_STARTS + elapsed, LAST_MOMENT)


def simulated_day() -> SimulatedDay | None:
    """The simulated day when simulation mode is on (`WIJK_SIMULATED_CLOCK` set), else None."""
    path = os.environ.get(SIMULATED_CLOCK_ENV, "")
    return read_clock(Path(path)) if path else None


def read_clock(path: Path) -> SimulatedDay:
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if key not in _cache:
            data = json.loads(path.read_text(encoding="utf-8"))
            _cache.clear()
            _cache[key] = SimulatedDay(date.fromisoformat(data["date"]), float(data["set_at"]))
        return _cache[key]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ClockError(f"{SIMULATED_CLOCK_ENV}={path}: cannot read the simulated date ({exc})") from None


def set_clock(path: Path, day: date) -> None:
    """Move the simulated clock in `path` to `day` (atomically: a reader sees the old or the new day)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps({"date": day.isoformat(), "set_at": time.time()}), encoding="utf-8")
    os.replace(partial, path)
