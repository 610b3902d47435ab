"""kernel.clock: the wall clock by default; in simulation mode the date in the named file, loudly."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kernel import clock

pytestmark = pytest.mark.unit


def test_without_simulation_today_is_the_wall_clock_in_amsterdam(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.SIMULATED_CLOCK_ENV, raising=False)
    assert clock.today() == datetime.now(clock.MUNICIPAL_TZ).date() and clock.simulated_day() is None


def test_a_simulated_clock_follows_the_file_the_simulator_advances(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "clock.json"
    monkeypatch.setenv(clock.SIMULATED_CLOCK_ENV, str(path))
    wall = datetime.now(clock.MUNICIPAL_TZ).date()
    for day in (wall + timedelta(days=400), wall + timedelta(days=401), date(2031, 2, 28)):
        clock.set_clock(path, day)
        assert clock.today() == day
        moment = clock.now()
        assert moment.date() == day and moment.hour >= 8 and moment.tzinfo is not None


def test_a_named_clock_file_that_cannot_be_read_is_an_error_not_the_wall_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(clock.SIMULATED_CLOCK_ENV, str(tmp_path / "missing.json"))
    with pytest.raises(clock.ClockError, match="cannot read the simulated date"):
        clock.today()
    (tmp_path / "broken.json").write_text('{"date": "tomorrow"}')
    monkeypatch.setenv(clock.SIMULATED_CLOCK_ENV, str(tmp_path / "broken.json"))
    with pytest.raises(clock.ClockError):
        clock.today()
