"""A simulated clock for tests that run the services in their own process: `kernel.clock` reads the file the
environment names, so moving it moves every in-process service's `today()` at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kernel.clock import SIMULATED_CLOCK_ENV, set_clock


class SimClock:
    def __init__(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.path, self.monkeypatch = path, monkeypatch

    def set(self, day: date) -> None:
        set_clock(self.path, day)
        self.monkeypatch.setenv(SIMULATED_CLOCK_ENV, str(self.path))
