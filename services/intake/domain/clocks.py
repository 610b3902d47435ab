"""Statutory clocks (termijnen) of a case: which terms run and which have been missed. Pure rules, no calendar.

The terms themselves and their last days are computed in `services.intake.terms` (with the Algemene termijnenwet);
here a clock is only its id, its last day and whether it still runs. A term is missed when it is still running on a
day after its last day: the last day itself is still in time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kernel.errors import Conflict, Refused

CLOCKS = ("personal_plan", "investigation", "decision")


class ClockConflict(Conflict):
    """A clock that is already running started again, or one that is not running stopped."""


@dataclass(frozen=True)
class Clock:
    clock: str
    clock_id: str
    started_on: date
    due_on: date
    counting: str
    legal_basis: str
    stopped_on: date | None = None
    missed_on: date | None = None
    nominal_due: date | None = None
    """The last day before the Atw extension; a suspension moves it (None on clocks started before it was kept)."""
    suspended_from: date | None = None
    """The first day of a running suspension (Awb 4:15); while suspended the term cannot be missed."""

    @property
    def running(self) -> bool:
        return self.stopped_on is None and self.missed_on is None

    @property
    def suspended(self) -> bool:
        return self.suspended_from is not None


def missed_terms(clocks: Iterable[Clock], today: date) -> list[Clock]:
    """The clocks whose term has passed while they still run: each is reported once (then `missed_on` is set)."""
    return [c for c in clocks if c.running and not c.suspended and today > c.due_on]


def check_start(clocks: dict[str, Clock], clock_id: str) -> None:
    if clock_id in clocks:
        raise ClockConflict(f"clock {clock_id} has already started for this case")


def check_stop(clocks: dict[str, Clock], clock_id: str, stopped_on: date) -> Clock:
    clock = clocks.get(clock_id)
    if clock is None:
        raise ClockConflict(f"no clock {clock_id} runs for this case; running: {sorted(running_ids(clocks))}")
    if clock.stopped_on is not None:
        raise ClockConflict(f"clock {clock_id} already stopped on {clock.stopped_on.isoformat()}")
    if stopped_on < clock.started_on:
        raise Refused(f"clock {clock_id} cannot stop before it started on {clock.started_on.isoformat()}")
    if clock.missed_on is not None and stopped_on <= clock.due_on:
        raise ClockConflict(
            f"clock {clock_id} was recorded as missed on {clock.missed_on.isoformat()}: a stop cannot be backdated "
            f"into its term (last day {clock.due_on.isoformat()})"
        )
    return clock


def running_ids(clocks: dict[str, Clock]) -> list[str]:
    return [i for i, c in clocks.items() if c.stopped_on is None]
