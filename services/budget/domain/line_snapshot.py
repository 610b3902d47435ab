"""A budget line's snapshot: its state in JSON's shapes, so loading a busy line does not replay a year of claims.

A line takes a claim for every decision of its team: by the end of a year thousands of events, all replayed on
every claim (35 us each: 180 ms per claim at 5,000). The application snapshots a line every
`SNAPSHOT_INTERVAL` events; loading it replays at most that many. JSON has no sets and only string keys, so
the reservations (decision id -> open cents) travel as pairs and the decision and payment sets as lists.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Snapshot

SNAPSHOT_INTERVAL = 100


class LineSnapshot(Snapshot):
    @classmethod
    def take(cls, aggregate: Any) -> LineSnapshot:
        snapshot = super().take(aggregate)
        state = snapshot.state  # a copy of the aggregate's attributes: changing it leaves the line as it is
        state["reservations"] = [[str(decision), cents] for decision, cents in state["reservations"].items()]
        state["refused"] = sorted(str(decision) for decision in state["refused"])
        state["payments"] = sorted(str(payment) for payment in state["payments"])
        return snapshot

    def mutate(self, aggregate: None) -> Any:
        line: Any = super().mutate(aggregate)
        line.reservations = {UUID(decision): cents for decision, cents in line.reservations}
        line.refused = {UUID(decision) for decision in line.refused}
        line.payments = {UUID(payment) for payment in line.payments}
        return line
