"""Progress for the simulator and the bench: a live bar on a terminal, a few plain lines in a log.

On a terminal `rich` draws the bar (and redraws it in place); when stderr is a file or a pipe (CI, `2> log`) the
same calls print one line at the start and at every quarter, instead of hundreds of carriage-return frames.
"""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Bar

QUARTERS = 4


class Progress:
    def __init__(self, total: int, what: str, console: Console | None = None) -> None:
        self.total, self.what, self.count, self.started = total, what, 0, time.monotonic()
        self.console = console or Console(stderr=True)
        self._bar: Bar | None = None
        self._printed = -1
        if self.console.is_terminal:
            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
            self._bar = Bar(*columns, console=self.console, transient=False)
            self._task = self._bar.add_task(what, total=total or None)
            self._bar.start()
        else:
            self._line()

    def step(self) -> None:
        self.count += 1
        if self._bar is not None:
            self._bar.advance(self._task)
        else:
            self._line()

    def done(self) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif self._printed < QUARTERS:
            self._line(force=True)

    def _line(self, force: bool = False) -> None:
        """One plain line at 0%, 25%, 50%, 75% and 100%."""
        quarter = QUARTERS * self.count // self.total if self.total else QUARTERS
        if quarter <= self._printed and not force:
            return
        self._printed = quarter
        rate = self.count / max(time.monotonic() - self.started, 1e-6)
        self.console.print(f"{self.what}: {self.count}/{self.total} ({rate:.1f}/s)", highlight=False, soft_wrap=True)
