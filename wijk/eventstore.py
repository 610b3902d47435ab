"""The write side of every service: an `eventsourcing` application on PostgreSQL, one schema per service.

The application's notification log is the outbox (see `wijk.relay`); incoming facts are recorded together with a
tracking row in one transaction (see `record_processed`), so a redelivered fact is recognised and skipped. Within
a `FactBatch` (the inbox opens one for a run of facts, `ServiceApplication.fact_batch`) the facts' writes wait and go
in one transaction for the run; each fact's events still travel with its own tracking row.

The persistence is a setting (`PlatformSettings.persistence`): PostgreSQL for a running service, or eventsourcing's
POPO store in memory, on which the application tests drive every command and inbox handler in milliseconds.
The store's two refusals get their kind here: an id that names no aggregate is a NotFound, and a command that lost
the race for an aggregate's next version is a Conflict.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import functools
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from uuid import UUID

import eventsourcing.domain
import psycopg
from eventsourcing import application
from eventsourcing.application import Application, ProcessingEvent, Recording, Repository
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import (
    IntegrityError,
    JSONTranscoder,
    Mapper,
    Notification,
    ProcessRecorder,
    StoredEvent,
    Tracking,
    Transcoder,
    Transcoding,
)
from eventsourcing.utils import strtobool
from opentelemetry import propagate

from contracts.sealed import SealedText
from kernel import clock
from kernel.errors import Conflict, NotFound
from wijk.db import create_schema_sql
from wijk.household_keys import TextKeys, open_text_keys, readable
from wijk.pg_recorder import READ_MODEL_WRITES, UnpipelinedProcessRecorder
from wijk.pg_recorder import TOPIC as UNPIPELINED_RECORDER
from wijk.sealing_mapper import FreeTextFields, SealedTextAsString, SealingMapper
from wijk.settings import PlatformSettings

TRACE_KEY = "_otel"


class DateAsISO(Transcoding):
    """Dates that the law counts are dates, not datetimes."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class TraceStampingTranscoder(JSONTranscoder):
    """Stamps the current trace context into each stored event, so the relay can continue the trace."""

    def encode(self, obj: Any) -> bytes:
        if isinstance(obj, dict):
            carrier: dict[str, str] = {}
            propagate.inject(carrier)
            if carrier:
                obj = {**obj, TRACE_KEY: carrier}
        return super().encode(obj)

    def decode(self, data: bytes) -> Any:
        obj = super().decode(data)
        if isinstance(obj, dict):
            obj.pop(TRACE_KEY, None)
        return obj


def stored_trace_context(state: bytes) -> dict[str, str]:
    """The trace context stamped into a stored event's state (empty when there is none)."""
    try:
        return dict(json.loads(state).get(TRACE_KEY, {}))
    except (ValueError, AttributeError):
        return {}


class AggregateNotFoundError(application.AggregateNotFoundError, NotFound):
    """No aggregate has this id: eventsourcing's own error, of the NotFound kind."""


class ConcurrentChange(IntegrityError, Conflict):
    """Another command changed the same aggregate first; sending the request again decides on the new state."""


SAVE_ATTEMPTS = 3
"""How often a command runs when another writer (a fact being applied, another request) keeps changing its aggregate
first: each run reads the aggregate anew, so the last one decides on the newest state."""
Command = TypeVar("Command", bound=Callable[..., Any])


def retry_on_conflict(command: Command) -> Command:
    """Run a command that reads aggregates and saves them again when it lost a race (`ConcurrentChange`): nothing
    was written by the lost attempt, so running it again is safe. The last attempt's conflict goes to the caller."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        for _ in range(SAVE_ATTEMPTS - 1):
            try:
                return command(*args, **kwargs)
            except ConcurrentChange:
                continue
        return command(*args, **kwargs)

    return run  # type: ignore[return-value]


class ServiceRepository(Repository[Any]):
    """eventsourcing's repository, whose miss is a NotFound (callers that catch the library's error still do)."""

    waiting: Callable[[Any, bool], Any] | None = None
    """Asked before every read (`in` too): the aggregate as the application's fact batch has it waiting to be
    written (a copy), or None to read the store (`ServiceApplication._waiting`)."""

    def get(self, aggregate_id: Any, **kwargs: Any) -> Any:
        if self.waiting is not None:
            waiting = self.waiting(aggregate_id, bool(kwargs))
            if waiting is not None:
                return waiting
        try:
            return super().get(aggregate_id, **kwargs)
        except application.AggregateNotFoundError as exc:
            if isinstance(exc, NotFound):
                raise
            raise AggregateNotFoundError(*exc.args) from None


class BatchConflict(Exception):
    """A fact batch's transaction was refused (`IntegrityError`: a command changed one of its aggregates first, or
    another consumer recorded one of its facts): nothing of it was written; its facts are applied again one by one."""


@dataclasses.dataclass
class _Waiting:
    fact: int
    processing: ProcessingEvent[Any]
    stored: list[StoredEvent]
    kwargs: dict[str, Any]


class FactBatch:
    """The writes of a run of facts applied in one worker thread, committed in one transaction (`commit`).

    `record_processed` adds a fact's events, tracking row and read model statements here instead of writing them;
    each fact's own writes can be dropped (`drop_fact`: its handler failed after recording). Reading an aggregate
    that has writes waiting gives a copy of its waiting state (the second fact goes on from the first); a plain
    `save` commits the batch first. A commit the
    store refuses (`IntegrityError`) raises `BatchConflict` and leaves `conflict` at the first fact it held; an
    infrastructure error propagates; either way nothing of that commit is written. Snapshots and the relay's wake-up
    follow each commit, as they follow a single fact's."""

    def __init__(self, app: ServiceApplication) -> None:
        self.app = app
        self.waiting: list[_Waiting] = []
        self.fact = 0
        self.fact_start = 0
        self.conflict: int | None = None
        """The first fact of a refused commit (its writes and those after it were not made), or None."""
        self.commits = 0

    def begin_fact(self, fact: int) -> None:
        """The writes from here on are those of fact number `fact` of the run."""
        self.fact, self.fact_start = fact, len(self.waiting)

    def drop_fact(self) -> None:
        """Forget the current fact's waiting writes (its handler failed): the facts before it still commit."""
        del self.waiting[self.fact_start :]

    def add(self, processing: ProcessingEvent[Any], stored: list[StoredEvent], kwargs: dict[str, Any]) -> None:
        self.waiting.append(_Waiting(self.fact, processing, stored, kwargs))

    def holds(self, aggregate_id: Any) -> bool:
        return any(aggregate_id in w.processing.aggregates for w in self.waiting)

    def latest(self, aggregate_id: Any) -> Any:
        """A copy of the aggregate as the last waiting write left it (its events recorded), or None."""
        for w in reversed(self.waiting):
            if aggregate_id in w.processing.aggregates:
                return copy.deepcopy(w.processing.aggregates[aggregate_id])
        return None

    def recorded(self, tracking: Tracking) -> bool:
        """Whether a waiting write has recorded this position already (tracking keeps the highest per name)."""
        return any(
            w.processing.tracking is not None
            and w.processing.tracking.application_name == tracking.application_name
            and w.processing.tracking.notification_id >= tracking.notification_id
            for w in self.waiting
        )

    def commit(self) -> None:
        """Write everything waiting in one transaction; then snapshots and the relay's wake-up."""
        if not self.waiting:
            return
        waiting, self.waiting, self.fact_start = self.waiting, [], 0
        recorder = self.app.recorder
        assert isinstance(recorder, UnpipelinedProcessRecorder)
        try:
            ids = recorder.insert_batch([(w.stored, w.kwargs) for w in waiting])
        except IntegrityError as exc:
            self.conflict = waiting[0].fact
            raise BatchConflict(str(exc)) from exc
        self.commits += 1
        recordings: list[Recording[Any]] = []
        for w, notification_ids in zip(waiting, ids, strict=True):
            recordings += _recordings(w.processing.events, w.stored, notification_ids)
        for w in waiting:
            self.app._take_snapshots(w.processing)
        self.app._notify(recordings)


def _recordings(events: list[Any], stored: list[StoredEvent], ids: Iterable[int]) -> list[Recording[Any]]:
    """What `EventStore.put` returns for events written with these notification ids."""
    return [
        Recording(d, Notification(originator_id=s.originator_id, originator_version=s.originator_version,
                                  topic=s.topic, state=s.state, id=n))
        for d, s, n in zip(events, stored, ids, strict=True)
    ]  # fmt: skip


def store_env(service: str, settings: PlatformSettings) -> dict[str, str]:
    """The eventsourcing environment for a service: in memory, or PostgreSQL in its own schema."""
    if settings.persistence == "popo":
        return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": settings.pg_dbname,
        "POSTGRES_HOST": settings.pg_host,
        "POSTGRES_PORT": str(settings.pg_port),
        "POSTGRES_USER": settings.pg_user,
        "POSTGRES_PASSWORD": settings.pg_password,
        "POSTGRES_SCHEMA": service,
        # Not "y": in eventsourcing 9.5.6 the DB-function insert path skips the process recorder's tracking row,
        # which silently breaks exactly-once consumption (tests/integration/platform/test_tracking_is_recorded.py).
        "POSTGRES_ENABLE_DB_FUNCTIONS": "n",
        "POSTGRES_POOL_SIZE": "4",
        "POSTGRES_MAX_OVERFLOW": "4",
        "CREATE_TABLE": "y",
        # Writes without psycopg's pipeline mode, which hangs on a large event (see wijk.pg_recorder).
        "PROCESS_RECORDER_TOPIC": UNPIPELINED_RECORDER,
        "POSTGRES_LOCK_TIMEOUT": str(settings.pg_lock_timeout_seconds),
        "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": str(settings.pg_idle_in_transaction_seconds),
    }


def ensure_schema(settings: PlatformSettings, schema: str) -> None:
    """Create a service's PostgreSQL schema if it does not exist (before its tables are created)."""
    with psycopg.connect(settings.pg_dsn(), autocommit=True) as conn:
        conn.execute(create_schema_sql(schema))


def simulated_event_time() -> datetime:
    """When an event happened: `kernel.clock.now()`, which is the wall clock outside simulation mode."""
    return clock.now().astimezone(UTC)


def follow_simulated_clock() -> None:
    """Simulation mode only: stored events (and so the facts' CloudEvents `time`) carry the simulated moment.

    eventsourcing stamps events through its module function `datetime_now_with_tzinfo`, looked up at each call;
    it is replaced by one that asks `kernel.clock`, so a fact's `time` and its business dates tell one calendar.
    """
    if clock.simulated_day() is not None:
        eventsourcing.domain.datetime_now_with_tzinfo = simulated_event_time  # type: ignore[assignment]


class ServiceApplication(Application[Any]):
    """Base of every service's application: a process recorder, date support and trace stamping."""

    name = "service"
    free_text: FreeTextFields = {}
    """Where the service's internal events hold free text about a household: sealed with the household's text key
    in the store and on the bus (`wijk.sealing_mapper`, ADR 0006)."""
    opens_text_keys: bool = False
    """Opens the text keys without free text of its own: the service that erases households (intake) destroys them."""
    batches_facts: bool = False
    """The inbox may apply a run of facts in one transaction (`fact_batch`): only for a service whose handlers
    write nothing but through `record_processed` and read its own state only through the repository (no outside
    I/O, no read model queries that a waiting fact would change)."""

    def __init__(self, settings: PlatformSettings | None = None, env: dict[str, str] | None = None) -> None:
        self.settings = settings or PlatformSettings()
        self.text_keys: TextKeys | None = (
            open_text_keys(self.settings) if self.free_text or self.opens_text_keys else None
        )
        self.on_recorded: list[Callable[[], None]] = []
        """Called (in the writing thread) after every commit of new events: the relay wakes on it."""
        self._batches = threading.local()
        if self.settings.persistence == "postgres":
            ensure_schema(self.settings, self.name)
        follow_simulated_clock()
        super().__init__(env={**store_env(self.name, self.settings), **(env or {})})

    def construct_repository(self) -> Repository[Any]:
        """The library's repository with the same settings, answering a miss with a NotFound."""
        maxsize = self.env.get(self.AGGREGATE_CACHE_MAXSIZE)
        repository = ServiceRepository(
            event_store=self.events,
            snapshot_store=self.snapshots,
            cache_maxsize=int(maxsize) if maxsize else None,
            fastforward=strtobool(self.env.get(self.AGGREGATE_CACHE_FASTFORWARD, "y")),
            fastforward_skipping=strtobool(self.env.get(self.AGGREGATE_CACHE_FASTFORWARD_SKIPPING, "n")),
            deepcopy_from_cache=strtobool(self.env.get(self.DEEPCOPY_FROM_AGGREGATE_CACHE, "y")),
        )
        repository.waiting = self._waiting
        return repository

    @property
    def batch(self) -> FactBatch | None:
        """The fact batch open in this thread, or None."""
        return getattr(self._batches, "open", None) if hasattr(self, "_batches") else None

    @contextlib.contextmanager
    def fact_batch(self) -> Iterator[FactBatch | None]:
        """A unit of work for a run of facts in this thread: their `record_processed` writes wait and are committed
        together when the block ends without an error (`FactBatch`). None (each fact its own transaction) for a
        service that does not batch, a store other than PostgreSQL, or inside another batch."""
        if not self.batches_facts or not isinstance(self.recorder, UnpipelinedProcessRecorder) or self.batch:
            yield None
            return
        batch = self._batches.open = FactBatch(self)
        try:
            yield batch
            batch.commit()
        finally:
            self._batches.open = None

    def _waiting(self, aggregate_id: Any, at_version: bool) -> Any:
        """An aggregate with writes waiting in this thread's fact batch: a copy of its latest state, so a second
        fact for it in the batch goes on from the first; a read of another version commits the batch first."""
        batch = self.batch
        if batch is None:
            return None
        if at_version:
            if batch.holds(aggregate_id):
                batch.commit()
            return None
        return batch.latest(aggregate_id)

    def save(self, *objs: Any, **kwargs: Any) -> Any:
        """Record new events; a concurrent command that changed one of the aggregates first is a Conflict. In a
        fact batch, what waits is committed first: the outbox keeps the order in which things happened."""
        batch = self.batch
        if batch is not None:
            batch.commit()
        try:
            return super().save(*objs, **kwargs)
        except IntegrityError as exc:
            if isinstance(exc, Conflict):
                raise
            raise ConcurrentChange(*exc.args) from exc

    def read_model_writes(self, aggregates: Iterable[Any]) -> list[tuple[str, tuple[Any, ...]]]:
        """The statements that keep this service's read models in step with the aggregates being saved, as (SQL,
        parameters) pairs: run in the same transaction as the aggregates' events (PostgreSQL), so a query reads
        what the last commit wrote, never more or less. None by default."""
        return []

    def _record(self, processing_event: ProcessingEvent[Any]) -> list[Any]:
        self._with_read_model_writes(processing_event)
        return super()._record(processing_event)

    def _with_read_model_writes(self, processing: ProcessingEvent[Any]) -> None:
        """The read model statements go with the events they follow, in the same transaction."""
        if isinstance(self.recorder, UnpipelinedProcessRecorder) and processing.events:
            writes = self.read_model_writes(processing.aggregates.values())
            if writes:
                processing.saved_kwargs[READ_MODEL_WRITES] = writes

    def _notify(self, recordings: list[Any]) -> None:
        """After `save()` and `record_processed()` committed: wake whoever waits for new notifications."""
        super()._notify(recordings)
        if recordings:
            for listener in self.on_recorded:
                listener()

    def construct_transcoder(self) -> Transcoder:
        transcoder = TraceStampingTranscoder()
        self.register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        transcoder.register(SealedTextAsString())
        return transcoder

    def construct_mapper(self) -> Mapper[Any]:
        """eventsourcing's mapper; with free text, one that seals it on the way in and unseals it on the way out."""
        keys = getattr(self, "text_keys", None)  # None too for an application made without this __init__
        if keys is None:
            return super().construct_mapper()
        return SealingMapper(self.construct_transcoder(), keys, self.free_text)

    @functools.cached_property
    def fact_mapper(self) -> Mapper[Any]:
        """The mapper the outbox relay reads with: free text stays sealed, so the facts carry only ciphertext."""
        keys = getattr(self, "text_keys", None)
        if keys is None:
            return self.mapper
        return SealingMapper(self.construct_transcoder(), keys, self.free_text, unsealing=False)

    def readable_text(self, household_id: UUID, value: SealedText | str | None) -> str:
        """Free text as a reader who may see the household is shown it: unsealed, or ERASED_TEXT after erasure."""
        if value is None or isinstance(value, str):
            return value or ""
        keys = getattr(self, "text_keys", None)
        if keys is None:
            raise TypeError(f"{self.name} reads sealed free text without text keys: give it free_text")
        return readable(keys, household_id, value)

    def close(self) -> None:
        super().close()
        keys = getattr(self, "text_keys", None)
        if keys is not None:
            keys.close()

    def construct_recorder(self) -> ProcessRecorder:
        recorder = self.factory.process_recorder()
        if isinstance(recorder, UnpipelinedProcessRecorder):
            recorder.statement_timeout_seconds = self.settings.pg_statement_timeout_seconds
        return recorder

    @property
    def process_recorder(self) -> ProcessRecorder:
        assert isinstance(self.recorder, ProcessRecorder)
        return self.recorder

    def already_processed(self, tracking: Tracking) -> bool:
        batch = self.batch
        if batch is not None and batch.recorded(tracking):
            return True
        return self.process_recorder.has_tracking_id(tracking.application_name, tracking.notification_id)

    def record_processed(self, tracking: Tracking, *aggregates: Aggregate | None) -> bool:
        """Record the aggregates' new events and the tracking row in one transaction.

        Returns False when the fact had already been processed (a duplicate), in which case nothing is written.
        In a fact batch the writes wait for the batch's commit (`FactBatch`); a duplicate of a fact in the batch is
        recognised here, one of a fact in the store by the commit's refusal (after which the facts run one by one).
        """
        processing = ProcessingEvent[Any](tracking=tracking)
        processing.collect_events(*aggregates)
        batch = self.batch
        if batch is not None:
            if batch.recorded(tracking):  # the store's duplicate is refused at commit: then fact by fact, as here
                return False
            self._with_read_model_writes(processing)  # a batch is always on the UnpipelinedProcessRecorder
            kwargs = {"tracking": tracking, **processing.saved_kwargs}
            batch.add(processing, [self.mapper.to_stored_event(e) for e in processing.events], kwargs)
            return True
        try:
            recordings = self._record(processing)
        except IntegrityError:
            if self.already_processed(tracking):
                return False
            raise
        self._take_snapshots(processing)
        self._notify(recordings)
        return True
