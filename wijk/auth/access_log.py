"""The access log (NEN 7513, BIO 12.4): who did or read what, when, on what basis, and with what outcome.

One append-only table per service schema; a trigger refuses UPDATE, DELETE and TRUNCATE, so not even the
service itself can rewrite history. It holds pseudonymous ids only (subject, household, path parameters),
never a name, BSN or request body.

Writing is a group commit: each request awaits its own record, but records that arrive while a write is in
flight go together in the next one (one COPY), so under load the log costs far less than a round trip per
request. A failed write is never silent: the records stay in a backlog that is retried, the failure is logged
and counted (`wijk_access_log_backlog`), and the caller learns of it (reads of personal data then answer 503).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import astuple, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

import asyncpg

from wijk.db import create_schema_sql

log = logging.getLogger(__name__)
_MAX_TEXT = 300
_MAX_BACKLOG = 100_000

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS "{schema}".access_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL,
    service text NOT NULL,
    subject text,
    roles text[] NOT NULL,
    organisation text,
    client_id text,
    method text NOT NULL,
    route text NOT NULL,
    action text,
    resource jsonb NOT NULL,
    household text,
    basis text,
    status smallint NOT NULL,
    outcome text NOT NULL,
    reason text,
    trace_id text
);
CREATE INDEX IF NOT EXISTS access_log_by_household ON "{schema}".access_log (household, at);
CREATE INDEX IF NOT EXISTS access_log_by_subject ON "{schema}".access_log (subject, at);
CREATE OR REPLACE FUNCTION "{schema}".access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only (NEN 7513): % refused', TG_OP;
END $$;
CREATE OR REPLACE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON "{schema}".access_log
    FOR EACH ROW EXECUTE FUNCTION "{schema}".access_log_refuse_change();
CREATE OR REPLACE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON "{schema}".access_log
    FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".access_log_refuse_change();
"""


@dataclass
class AccessRecord:
    """One access. `outcome` is allowed, refused (401/403) or failed (the request itself failed)."""

    service: str
    method: str
    route: str
    status: int
    subject: str | None = None
    roles: list[str] = field(default_factory=list)
    organisation: str | None = None
    client_id: str | None = None
    action: str | None = None
    resource: dict[str, str] = field(default_factory=dict)
    household: str | None = None
    basis: str | None = None
    reason: str | None = None
    trace_id: str | None = None
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def outcome(self) -> str:
        if self.status in (401, 403):
            return "refused"
        return "failed" if self.status >= 400 else "allowed"

    def row(self) -> tuple[Any, ...]:
        values = dict(zip(_FIELDS, astuple(self), strict=True))
        values["resource"] = json.dumps({k: _clip(v) for k, v in self.resource.items()})
        values["route"], values["reason"] = _clip(self.route), self.reason and _clip(self.reason)
        return (*(values[name] for name in _FIELDS), self.outcome)


_FIELDS = tuple(f.name for f in fields(AccessRecord))
_COLUMNS = (*_FIELDS, "outcome")


class AccessLogUnavailable(RuntimeError):
    """The record could not be written now; it waits in the backlog."""


class AccessLog:
    def __init__(self, pool: asyncpg.Pool, schema: str, timeout: float = 5.0, retry_seconds: float = 2.0) -> None:
        self.pool, self.schema, self.timeout, self.retry_seconds = pool, schema, timeout, retry_seconds
        self.written = 0
        self.writes = 0
        self.failures = 0
        self._pending: list[tuple[AccessRecord, asyncio.Future[None]]] = []
        self._backlog: list[AccessRecord] = []
        self._flusher: asyncio.Task[None] | None = None

    @property
    def backlog(self) -> int:
        return len(self._backlog)

    async def setup(self) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(create_schema_sql(self.schema))
            await conn.execute(_SCHEMA_SQL.format(schema=self.schema))

    async def record(self, entry: AccessRecord) -> None:
        """Return once `entry` is stored; raise AccessLogUnavailable when it could not be (it is kept)."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        future.add_done_callback(_retrieve)  # a caller that timed out no longer awaits it
        self._pending.append((entry, future))
        self._start_flush()
        try:
            await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except TimeoutError:
            raise AccessLogUnavailable("the access log did not answer in time") from None

    def _start_flush(self) -> None:
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name=f"{self.schema}-access-log")

    async def _flush(self) -> None:
        while self._pending or self._backlog:
            batch, self._pending = self._pending, []
            entries, self._backlog = [*self._backlog, *(entry for entry, _ in batch)], []
            try:
                await self._insert(entries)
            except asyncio.CancelledError:  # stopping: keep them for close() (a duplicate beats a loss)
                self._backlog = entries + self._backlog
                raise
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                self._keep(entries, exc)
                _settle(batch, AccessLogUnavailable(f"the access log could not be written: {exc}"))
                await asyncio.sleep(self.retry_seconds)
            else:
                self.written, self.writes = self.written + len(entries), self.writes + 1
                _settle(batch, None)

    def _keep(self, entries: list[AccessRecord], exc: Exception) -> None:
        self.failures += 1
        dropped = max(0, len(entries) - _MAX_BACKLOG)
        self._backlog = entries[dropped:] + self._backlog
        log.error("access log: %d records not written yet (%s); retrying", len(entries), exc)
        if dropped:
            log.critical("access log: backlog full, %d oldest records LOST", dropped)

    async def _insert(self, entries: list[AccessRecord]) -> None:
        async with self.pool.acquire() as conn:
            await conn.copy_records_to_table(
                "access_log", schema_name=self.schema, columns=_COLUMNS, records=[e.row() for e in entries]
            )

    async def close(self) -> None:
        """Write what is pending and the backlog once more; say loudly what could not be written."""
        if self._flusher is not None:
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(self._flusher, self.timeout)
        self._backlog += [entry for entry, _ in self._pending]
        self._pending = []
        if self._backlog:
            try:
                await self._insert(self._backlog)
                self._backlog = []
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                log.critical("access log: %d records could not be written at stop: %s", len(self._backlog), exc)

    async def query(
        self, household: str | None = None, subject: str | None = None, limit: int = 100
    ) -> list[dict[str, Any]]:
        """The newest records first, for one household and/or one employee (the privacy officer's question)."""
        rows = await self.pool.fetch(
            f'SELECT {", ".join(_COLUMNS)} FROM "{self.schema}".access_log'
            " WHERE ($1::text IS NULL OR household = $1) AND ($2::text IS NULL OR subject = $2)"
            " ORDER BY at DESC, id DESC LIMIT $3",
            household,
            subject,
            limit,
        )
        return [{**dict(row), "resource": json.loads(row["resource"])} for row in rows]


def _settle(batch: list[tuple[AccessRecord, asyncio.Future[None]]], error: Exception | None) -> None:
    for _, future in batch:
        if future.done():
            continue
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(error)


def _retrieve(future: asyncio.Future[None]) -> None:
    if not future.cancelled():
        future.exception()


def _clip(value: Any) -> str:
    text = str(value)
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"
