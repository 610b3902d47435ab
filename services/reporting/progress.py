"""A plain progress bar on stderr (no dependency): `label [#####.....]  123/456`."""

from __future__ import annotations

import sys
from typing import TextIO


class ProgressBar:
    def __init__(self, label: str, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.label, self.total, self.width = label, max(total, 0), width
        self.stream = stream or sys.stderr
        self.done = 0

    def render(self) -> str:
        filled = self.width if self.total == 0 else min(self.width, self.width * self.done // self.total)
        return f"\r{self.label:<22}[{'#' * filled}{'.' * (self.width - filled)}] {self.done:>7}/{self.total}"

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        self.stream.write(self.render())
        self.stream.flush()

    def close(self) -> None:
        self.stream.write(self.render() + "\n")
        self.stream.flush()
