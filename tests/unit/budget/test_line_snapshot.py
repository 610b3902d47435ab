"""A busy budget line is loaded from its latest snapshot plus at most an interval of events, and comes out the
same as the line that took every claim: reservations, refusals, payments, releases and the books."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from services.budget.domain.budget_line import BudgetLine
from services.budget.domain.line_snapshot import SNAPSHOT_INTERVAL
from tests.unit.budget.claims import TEAM, InMemoryBudget, claim

pytestmark = pytest.mark.unit


def state(line: BudgetLine) -> dict[str, object]:
    return {
        "version": line.version,
        "figures": line.figures(),
        "reservations": line.reservations,
        "refused": line.refused,
        "payments": line.payments,
        "closed_on": line.closed_on,
    }


def test_a_line_past_two_intervals_loads_from_its_snapshot_and_equals_the_line_that_took_the_claims() -> None:
    app = InMemoryBudget()
    line = BudgetLine(TEAM, 2026, "wmo", 10_000_000)
    app.save(line)
    for number in range(2 * SNAPSHOT_INTERVAL + 30):
        wanted = claim(9_000 if number % 7 else 20_000_000)  # every 7th is more than remains: refused
        line.claim(wanted)
        if number % 5 == 1 and number % 7:
            line.spend(wanted.household_id, wanted.decision_id, uuid.uuid4(), 4_000, date(2026, 6, 1))
        if number % 9 == 2 and number % 7:
            line.release(wanted.household_id, wanted.decision_id, date(2026, 7, 1), "care stopped")
        app.save(line)
    line.close(date(2027, 1, 4))  # a year closes once it has ended
    app.save(line)

    assert app.snapshots is not None
    latest = list(app.snapshots.get(line.id, desc=True, limit=1))
    assert latest and latest[0].originator_version == 2 * SNAPSHOT_INTERVAL
    assert line.refused and line.payments and any(c == 0 for c in line.reservations.values())

    loaded: BudgetLine = app.repository.get(line.id)
    assert state(loaded) == state(line)
    assert isinstance(next(iter(loaded.reservations)), uuid.UUID)


def test_a_line_loaded_from_its_snapshot_keeps_answering_a_claim_once() -> None:
    app = InMemoryBudget()
    line = BudgetLine(TEAM, 2026, "youth", 10_000_000)
    app.save(line)
    first = claim(1_000, "youth")
    line.claim(first)
    for _ in range(SNAPSHOT_INTERVAL):
        line.claim(claim(1_000, "youth"))
    app.save(line)
    loaded: BudgetLine = app.repository.get(line.id)
    loaded.claim(first)  # redelivered: already reserved, nothing new
    assert not loaded.collect_events()
    assert loaded.remaining_cents == 10_000_000 - (SNAPSHOT_INTERVAL + 1) * 1_000
