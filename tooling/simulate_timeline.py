"""A municipality's year on the calendar: on which working day each household's next step happens.

Pure: the households of `simulate_scenario` (from the seed) and, per household, its own `random.Random` seeded by
(seed, household, purpose), so a household's days never depend on how many others came before it or in what order
anything ran. Meldingen are spread over the working days of January to mid-October; the kitchen table follows
within days (sometimes after the 7-day personal-plan term), the decisions within weeks (sometimes after the
6-week investigation term), care starts days later and is declared monthly (December's in January: a late
payment), debt assistance holds its first conversation within its Wgs term or misses it. In January of the next
year, after the last late payments, the controller closes the year.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from kernel.termijnen import next_working_day_from
from tooling.simulate_scenario import Decision, Household

LATE_KITCHEN_TABLE = 0.15
"""Share of households whose kitchen table (and personal plan) comes after the 7-day term."""
LATE_DECISION = 0.10
"""Share of households decided after the 6-week investigation term."""
LATE_DEBT_INTAKE = 0.15
STOP_SHARE = 0.30
END_REASONS = ("19", "19", "23", "21", "31")
"""WMO588 (iWmo 3.2): mostly ended according to plan; a few early, by the client, or a move away."""

DECIDE = 1
"""Phase of the day in which decisions are taken, one household after another, after everything else."""


@dataclass(frozen=True)
class Step:
    day: date
    household: int
    kind: str
    phase: int = 0
    data: dict[str, object] = field(default_factory=dict, compare=False)


def rng_of(seed: int, household: int, purpose: str) -> random.Random:
    return random.Random(f"{seed}:{household}:{purpose}")


def working(day: date) -> date:
    return next_working_day_from(day)


def arrival(year: int, number: int, count: int, rng: random.Random) -> date:
    first, last = date(year, 1, 5), date(year, 10, 15)
    spread = (last - first).days * number // max(count, 1)
    return working(first + timedelta(days=spread + rng.randint(0, 4)))


def month_ends(start: date, through: date) -> list[date]:
    """The last day of each month from `start`'s month through `through`'s."""
    ends, month = [], date(start.year, start.month, 1)
    while month <= through:
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        ends.append(following - timedelta(days=1))
        month = following
    return ends


def timeline(households: list[Household], seed: int, year: int) -> list[Step]:
    """Every household's steps, then the year-end close; sorted by day, phase and household."""
    close = working(date(year + 1, 1, 20))
    steps = [s for h in households for s in household_steps(h, seed, year, len(households)) if s.day < close]
    steps.append(Step(close, -1, "close_year", data={"year": year}))
    return sorted(steps, key=lambda s: (s.day, s.phase, s.household, s.kind))


def household_steps(household: Household, seed: int, year: int, count: int) -> list[Step]:
    rng = rng_of(seed, household.number, "calendar")
    arrived = arrival(year, household.number, count, rng)
    n = household.number
    if household.via_signal:
        return [Step(arrived, n, "signal")]
    late = rng.random() < LATE_KITCHEN_TABLE
    kitchen = working(arrived + timedelta(days=rng.randint(8, 12) if late else rng.randint(1, 5)))
    late = rng.random() < LATE_DECISION
    offset = rng.randint(44, 55) if late else rng.randint(10, 33)
    decided = max(working(arrived + timedelta(days=offset)), working(kitchen + timedelta(days=1)))
    decisions = [_dated(d, decided, rng) for d in household.decisions]
    steps = [
        Step(arrived, n, "melding"),
        Step(kitchen, n, "kitchen_table"),
        Step(decided, n, "decide", DECIDE, {"decisions": decisions}),
        Step(working(decided + timedelta(days=7)), n, "satisfaction"),
    ]
    steps += _care_steps(n, decisions, decided, year, rng)
    if household.debts:
        steps += _debt_steps(n, kitchen, household.threatening, rng_of(seed, n, "debt"))
    if rng.random() < 0.5:
        steps.append(Step(working(decided + timedelta(days=91)), n, "evaluate"))
    return steps


def _dated(decision: Decision, decided: date, rng: random.Random) -> Decision:
    """The decision's period starts the day after it is taken and runs four to eleven months (within the
    provision's maximum duration, kept in `period_end` of the script): a late one runs into next year."""
    start = decided + timedelta(days=1)
    longest = (decision.period_end - decision.period_start).days
    days = min(rng.randint(120, 330), max(longest, 28))
    return replace(decision, period_start=start, period_end=start + timedelta(days=days))


def _care_steps(n: int, decisions: list[Decision], decided: date, year: int, rng: random.Random) -> list[Step]:
    if not any(d.budget_line in ("wmo", "youth") for d in decisions):
        return []
    started = working(decided + timedelta(days=rng.randint(2, 6)))
    steps = [Step(started, n, "care_start")]
    last = min(max(d.period_end for d in decisions), date(year, 12, 31))
    stop = None
    if rng.random() < STOP_SHARE and (last - started).days > 40:
        stop = started + timedelta(days=rng.randint(30, (last - started).days - 1))
        steps.append(Step(working(stop), n, "care_stop", data={"end": stop, "reason": rng.choice(END_REASONS)}))
    for end in month_ends(started, min(last, stop or last)):
        steps.append(Step(working(end + timedelta(days=5)), n, "declare", data={"through": end}))
    if rng.random() < 0.5:
        steps.append(Step(working(started + timedelta(days=30)), n, "feedback", data={"fits": rng.random() < 0.8}))
    return steps


def _debt_steps(n: int, kitchen: date, threatening: bool, rng: random.Random) -> list[Step]:
    """First conversation (3 working days when threatening, else 4 weeks), stabilisation, arrangement, closure."""
    late = rng.random() < LATE_DEBT_INTAKE
    if threatening:
        wait = rng.randint(5, 8) if late else rng.randint(1, 2)
    else:
        wait = rng.randint(31, 40) if late else rng.randint(3, 24)
    held = working(kitchen + timedelta(days=wait))
    if rng.random() < 0.08:
        return [Step(held, n, "debt_withdrawn")]
    steps = [Step(held, n, "debt_intake")]
    if rng.random() < 0.25:
        return steps
    stabilised = working(held + timedelta(days=rng.randint(14, 40)))
    steps.append(Step(stabilised, n, "debt_stabilise"))
    if rng.random() < 0.4:
        return steps
    kind = rng.choice(["payment_arrangement", "payment_arrangement", "debt_settlement", "redemption_credit"])
    reached = working(stabilised + timedelta(days=rng.randint(20, 60)))
    steps.append(Step(reached, n, "debt_arrange", data={"arrangement": kind}))
    if rng.random() < 0.3:
        steps.append(Step(working(reached + timedelta(days=30)), n, "debt_close"))
    return steps
