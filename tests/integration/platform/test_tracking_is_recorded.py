"""The inbox's dedupe position is written with the effect, in PostgreSQL, and refuses a second application."""

from __future__ import annotations

import psycopg
import pytest
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import Tracking

from wijk.eventstore import ServiceApplication
from wijk.settings import PlatformSettings

pytestmark = pytest.mark.integration


class Counter(Aggregate):
    @event("Counted")
    def count(self) -> None:
        self.counted = getattr(self, "counted", 0) + 1


class TrackingProbe(ServiceApplication):
    name = "tracking_probe"  # this test's alone in the session's database


def test_a_processed_fact_is_tracked_with_its_effect_and_not_applied_twice(infra: PlatformSettings) -> None:
    app = TrackingProbe(infra)
    try:
        counter = Counter()
        app.save(counter)
        position = Tracking("urn:nld:oin:1:systeem:intake|nl.wijkteam.intake.facts|2", 7)
        counter.count()
        assert app.record_processed(position, counter) is True
        assert app.already_processed(position)

        with psycopg.connect(infra.pg_dsn()) as conn:
            rows = conn.execute("SELECT application_name, notification_id FROM tracking_probe.tracking_probe_tracking")
            assert (position.application_name, 7) in rows.fetchall()

        again: Counter = app.repository.get(counter.id)
        again.count()
        assert app.record_processed(position, again) is False  # the redelivered fact changes nothing
        assert app.repository.get(counter.id).counted == 1
    finally:
        app.close()
