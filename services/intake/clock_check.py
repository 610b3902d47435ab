"""Finding missed statutory terms: an index of running clocks, kept from intake's own notification log.

The index (`intake.clock_due`) is a projection: it catches up from the notification log after its recorded
position, in one transaction with that position, before every check. A check loads only the cases with a clock
past its last day and lets each case record its missed terms (`Case.record_missed_terms`, a pure rule), one save
per case.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Mapper
from eventsourcing.utils import get_topic
from psycopg import Connection
from psycopg_pool import ConnectionPool

from services.intake.base import Intake
from services.intake.domain.case import Case
from services.intake.domain.household import HouseholdErased

INDEX_SQL = """
CREATE TABLE IF NOT EXISTS intake.clock_due (
    case_id uuid NOT NULL, clock_id text NOT NULL, due_on date NOT NULL, PRIMARY KEY (case_id, clock_id)
);
CREATE TABLE IF NOT EXISTS intake.clock_index_position (id int PRIMARY KEY, position bigint NOT NULL);
"""
STARTED, STOPPED, MISSED = (get_topic(e) for e in (Case.ClockStarted, Case.ClockStopped, Case.TermMissed))  # type: ignore[attr-defined]
SUSPENDED, RESUMED, EXTENDED = (get_topic(e) for e in (Case.ClockSuspended, Case.ClockResumed, Case.ClockExtended))  # type: ignore[attr-defined]
"""A suspended term cannot be missed (out of the index); a resumed or extended one has a new last day."""
INDEXED = (STARTED, STOPPED, MISSED, SUSPENDED, RESUMED, EXTENDED)
CHECK_LOCK = threading.Lock()
"""One check at a time in a process: two would record the same missed term twice over."""


class ClockIndex:
    """The running clocks by last day, caught up from the notification log."""

    def __init__(self, recorder: ApplicationRecorder, mapper: Mapper[UUID], pool: ConnectionPool) -> None:
        self.recorder, self.mapper, self.pool = recorder, mapper, pool

    def catch_up(self) -> None:
        with self.pool.connection() as conn:
            conn.execute(INDEX_SQL)
            row = conn.execute("SELECT position FROM intake.clock_index_position WHERE id = 1").fetchone()
        position = row[0] if row else 0
        while batch := self.recorder.select_notifications(position + 1, 500):
            with self.pool.connection() as conn, conn.transaction():
                for notification in batch:
                    if notification.topic in INDEXED:
                        self._index(conn, notification.topic, self.mapper.to_domain_event(notification))
                position = batch[-1].id
                conn.execute(
                    "INSERT INTO intake.clock_index_position VALUES (1, %s) "
                    "ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position",
                    (position,),
                )

    def cases_due(self, today: date) -> list[UUID]:
        with self.pool.connection() as conn:
            rows = conn.execute(
                "SELECT DISTINCT case_id FROM intake.clock_due WHERE due_on < %s ORDER BY case_id", (today,)
            ).fetchall()
        return [UUID(str(r[0])) for r in rows]

    def forget(self, case_id: UUID) -> None:
        with self.pool.connection() as conn:
            conn.execute("DELETE FROM intake.clock_due WHERE case_id = %s", (case_id,))

    @staticmethod
    def _index(conn: Connection[Any], topic: str, event: Any) -> None:
        if topic == STARTED:
            clock = event.clock
            conn.execute(
                "INSERT INTO intake.clock_due VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                (event.originator_id, clock.clock_id, clock.due_on),
            )
        elif topic in (RESUMED, EXTENDED):
            conn.execute(
                "INSERT INTO intake.clock_due VALUES (%s, %s, %s) "
                "ON CONFLICT (case_id, clock_id) DO UPDATE SET due_on = EXCLUDED.due_on",
                (event.originator_id, event.clock.clock_id, event.clock.due_on),
            )
        else:
            key = (event.originator_id, event.clock_id)
            conn.execute("DELETE FROM intake.clock_due WHERE case_id = %s AND clock_id = %s", key)


class MemoryClockIndex:
    """The same index in memory, beside the in-memory event store (the application tests)."""

    def __init__(self, recorder: ApplicationRecorder, mapper: Mapper[UUID]) -> None:
        self.recorder, self.mapper = recorder, mapper
        self.due: dict[tuple[UUID, str], date] = {}
        self.position = 0

    def catch_up(self) -> None:
        while batch := self.recorder.select_notifications(self.position + 1, 500):
            for notification in batch:
                if notification.topic in INDEXED:
                    self._index(notification.topic, self.mapper.to_domain_event(notification))
            self.position = batch[-1].id

    def cases_due(self, today: date) -> list[UUID]:
        return sorted({case_id for (case_id, _), due_on in self.due.items() if due_on < today}, key=str)

    def forget(self, case_id: UUID) -> None:
        self.due = {key: due_on for key, due_on in self.due.items() if key[0] != case_id}

    def _index(self, topic: str, event: Any) -> None:
        if topic == STARTED:
            self.due.setdefault((event.originator_id, event.clock.clock_id), event.clock.due_on)
        elif topic in (RESUMED, EXTENDED):
            self.due[(event.originator_id, event.clock.clock_id)] = event.clock.due_on
        else:
            self.due.pop((event.originator_id, event.clock_id), None)


def open_clock_index(
    recorder: ApplicationRecorder, mapper: Mapper[UUID], pool: ConnectionPool | None
) -> ClockIndex | MemoryClockIndex:
    """The index beside the vault: in intake's schema, or in memory with the in-memory event store."""
    return ClockIndex(recorder, mapper, pool) if pool is not None else MemoryClockIndex(recorder, mapper)


def check_clocks(intake: Intake, index: ClockIndex | MemoryClockIndex, today: date) -> list[dict[str, Any]]:
    """Record every missed term as of `today`; returns what it recorded (case and clock ids)."""
    with CHECK_LOCK:
        index.catch_up()
        recorded: list[dict[str, Any]] = []
        for case_id in index.cases_due(today):
            case = intake.get_case(case_id)
            try:
                intake.present_household(case.household_id)
            except HouseholdErased:  # erased: its clocks no longer concern anyone
                index.forget(case_id)
                continue
            missed = case.record_missed_terms(today)
            if missed:
                intake.save(case)
                recorded.extend({"case_id": str(case_id), "clock_id": c} for c in missed)
        index.catch_up()
        return recorded
