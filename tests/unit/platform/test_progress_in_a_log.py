"""Progress in a log file is a few plain lines, not hundreds of carriage-return frames."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from tooling.progress import Progress

pytestmark = pytest.mark.unit


def test_progress_written_to_a_file_prints_a_line_per_quarter_and_no_carriage_returns() -> None:
    out = io.StringIO()
    progress = Progress(200, "households", Console(file=out, force_terminal=False, width=100))
    for _ in range(200):
        progress.step()
    progress.done()
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue()
    assert [line.split(" (")[0] for line in lines] == [f"households: {n}/200" for n in (0, 50, 100, 150, 200)]


def test_progress_on_a_terminal_draws_a_bar() -> None:
    out = io.StringIO()
    progress = Progress(3, "days", Console(file=out, force_terminal=True, width=80))
    for _ in range(3):
        progress.step()
    progress.done()
    assert "days" in out.getvalue() and "3/3" in out.getvalue()
