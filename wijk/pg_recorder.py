"""The event store's writes without psycopg's pipeline mode, so that a large event cannot hang a service.

eventsourcing 9.5.6 inserts a batch of events inside `conn.pipeline()`: it queues the tracking row, `SET LOCAL
lock_timeout`, `LOCK TABLE ... IN EXCLUSIVE MODE`, `NOTIFY` and the INSERT, then calls `Pipeline.sync()`.
psycopg's `pipeline_communicate` generator (C and Python alike, 3.3.9 and its main branch) leaves its send loop as
soon as its command queue is empty, ignoring `PQflush()` returning 1: the tail of a large Bind message stays in
libpq's output buffer. `sync()` then waits for a result the server cannot send, while the server waits for the
rest of the message (ClientRead) and holds the table's EXCLUSIVE lock, so every later write of the service queues
behind it. With the embedded PostgreSQL's Unix socket this happens from about 0.6 MB of event state up; no
server-side timeout fires, because the server is in the middle of reading a message.

Writing the same statements in an ordinary transaction sends each one in full before reading its answer. It costs
a few round trips per commit (microseconds on a local socket, next to the commit's fsync) and keeps everything the
library guarantees: the same statements, the same lock, the same tracking row, in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresAggregateRecorder, PostgresProcessRecorder
from eventsourcing.utils import retry
from psycopg.sql import SQL, Literal

READ_MODEL_WRITES = "read_model_writes"
"""The keyword a save passes its read model statements under: (SQL, parameters) pairs run in the same transaction as
the events, after them (`ServiceApplication.read_model_writes`)."""
TOPIC = f"{__name__}:UnpipelinedProcessRecorder"
"""The value of eventsourcing's `PROCESS_RECORDER_TOPIC` that selects this recorder."""


class UnpipelinedProcessRecorder(PostgresProcessRecorder):
    """eventsourcing's PostgreSQL process recorder, writing each transaction statement by statement."""

    statement_timeout_seconds: float = 0.0
    """Each write statement's `statement_timeout` (0: the server's default); set by the application."""

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        """One fact's or command's writes: `insert_batch` of one item; None without events (a tracking row only)."""
        [ids] = self.insert_batch([(stored_events, kwargs)])
        return ids if stored_events else None

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_batch(self, items: Sequence[tuple[Sequence[StoredEvent], dict[str, Any]]]) -> list[Sequence[int]]:
        """What `insert_events` writes for each item (its tracking row, its events, its read model statements), all
        in one transaction, in order: the notification ids of each item's events. The table is locked and the
        channel notified once, before the first events."""
        results: list[Sequence[int]] = []
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            self._statement_timeout(curs)
            locked = False
            for stored_events, kwargs in items:
                self._insert_events(curs, stored_events, **kwargs)  # the tracking row, if any
                if not stored_events:
                    results.append([])
                    continue
                if not locked:
                    self._lock_table(curs)
                    self._notify_channel(curs)
                    locked = True
                PostgresAggregateRecorder._insert_stored_events(self, curs, stored_events)  # insert ... returning
                results.append(self._fetch_ids_after_insert_events(curs, stored_events) or [])
                for statement, params in kwargs.get(READ_MODEL_WRITES, ()):  # the service's read models, in step
                    curs.execute(statement, params)
        return results

    def _statement_timeout(self, curs: Any) -> None:
        if self.statement_timeout_seconds:
            milliseconds = int(self.statement_timeout_seconds * 1000)
            curs.execute(SQL("SET LOCAL statement_timeout = {}").format(Literal(milliseconds)))
