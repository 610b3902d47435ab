"""The application tier: a service's application built as its process builds it, on the store a test case asks
for, and the facts it would publish, read straight from its notification log (no relay, no broker).

Every abstract case in `tests/application` is subclassed twice, as eventsourcing's own examples do: on the POPO
store in memory (the default, marked `application`: milliseconds) and on PostgreSQL (marked `integration`).
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import psycopg
from eventsourcing.persistence import Tracking

from contracts.events.base import IntegrationEvent
from tooling.catalog import definition
from wijk.eventstore import ServiceApplication
from wijk.settings import PlatformSettings

A = TypeVar("A", bound=ServiceApplication)
IN_MEMORY = PlatformSettings(persistence="popo")


class Positions:
    """Dedupe positions of one fake upstream partition, as the inbox would hand them: a fresh source per test."""

    def __init__(self) -> None:
        self.source = f"urn:test:{uuid.uuid4().hex}|topic|0"
        self.numbers = itertools.count(1)

    def next(self) -> Tracking:
        return Tracking(self.source, next(self.numbers))

    def again(self, tracking: Tracking) -> Tracking:
        """The same position once more: a redelivered fact."""
        return Tracking(tracking.application_name, tracking.notification_id)


def build(service: str, settings: PlatformSettings) -> Any:
    """The service's application exactly as its process builds it (`services/<name>/main.py:build`)."""
    build_app = definition(service).build_app
    assert build_app is not None
    return build_app(settings)


def facts_of(app: ServiceApplication, service: str) -> list[IntegrationEvent]:
    """What the application would publish: every stored event its translator turns into a fact, in order."""
    translate = definition(service).translate
    assert translate is not None
    notifications = app.recorder.select_notifications(1, 100_000)
    found = [translate(app.fact_mapper.to_domain_event(n)) for n in notifications]  # as the relay reads them
    return [f for f in found if f is not None]


def of_type(facts: list[IntegrationEvent], kind: type[IntegrationEvent]) -> list[Any]:
    return [f for f in facts if isinstance(f, kind)]


def fresh_schemas(settings: PlatformSettings, *schemas: str) -> PlatformSettings:
    """Drop the schemas a PostgreSQL case writes to, so each test starts from an empty store."""
    with psycopg.connect(settings.pg_dsn(), autocommit=True) as conn:
        for schema in schemas:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    return settings


def running(make: Callable[[], A]) -> Iterator[A]:
    """An application for one test, closed afterwards (its pool, its vault)."""
    app = make()
    try:
        yield app
    finally:
        app.close()


def reads(app: ServiceApplication, monkeypatch: Any) -> list[object]:
    """The ids of the aggregates `app` reads from its repository from now on (a pytest MonkeyPatch undoes it)."""
    read: list[object] = []
    get = app.repository.get

    def counted(aggregate_id: Any, *args: Any, **kwargs: Any) -> Any:
        read.append(aggregate_id)
        return get(aggregate_id, *args, **kwargs)

    monkeypatch.setattr(app.repository, "get", counted)
    return read
