"""The iWmo gateway's held 301s, on each store: a 301 whose client data intake cannot give now waits; the retry
sends it once the data is there, asks intake again only for the files whose 301 still waits, and a file once
sent is not read again by any later retry (a retry every 30 s that read every client file grew with the
municipality: 5,000 households meant 5,000 files read twice a minute)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date, time, timedelta

import pytest

from contracts.events.backoffice import ProviderAssigned
from kernel.clock import today
from services.iwmo.application import IwmoApplication
from services.iwmo.domain.client import PURPOSE, ClientRecord, InMemoryClientRecords
from services.iwmo.domain.client_file import HELD, SENT, file_id
from services.iwmo.main import definition
from tests.support.application import IN_MEMORY, Positions, reads, running
from wijk.settings import PlatformSettings

PROVIDER, AGB = "zorg-flevoland", "98000001"
TEN = time(10, 0)


def assigned(household_id: uuid.UUID) -> ProviderAssigned:
    return ProviderAssigned(
        household_id=household_id, assignment_id=uuid.uuid4(), decision_id=uuid.uuid4(), provider_id=PROVIDER,
        product_code="01A01", volume=2, unit="04", frequency="2", period_start=today() - timedelta(days=14),
        period_end=today() + timedelta(days=180), product_category="01",
    )  # fmt: skip


def client(number: int) -> ClientRecord:
    return ClientRecord(bsn=f"99999{number:04d}", family_name="Jansen", birth_date=date(1950, 3, 1))


class IwmoCase:
    """The abstract case: every test runs on the store `settings` gives (POPO unless a subclass says otherwise)."""

    @pytest.fixture
    def settings(self) -> PlatformSettings:
        return IN_MEMORY

    @pytest.fixture
    def records(self) -> InMemoryClientRecords:
        return InMemoryClientRecords()

    @pytest.fixture
    def app(self, settings: PlatformSettings, records: InMemoryClientRecords) -> Iterator[IwmoApplication]:
        build = definition(records).build_app
        assert build is not None
        yield from running(lambda: build(settings))  # type: ignore[arg-type, return-value]

    def test_a_held_301_is_sent_by_the_retry_and_only_waiting_files_are_asked_for_again(
        self, app: IwmoApplication, records: InMemoryClientRecords, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        positions = Positions()
        known, waiting = uuid.uuid4(), uuid.uuid4()
        records.records[known] = client(1)
        app.on_provider_assigned(assigned(known), positions.next(), today(), TEN)
        app.on_provider_assigned(assigned(waiting), positions.next(), today(), TEN)
        assert app.repository.get(file_id(known, AGB)).outgoing == SENT
        held = app.repository.get(file_id(waiting, AGB))
        assert (held.outgoing, held.hold_reason) == (HELD, f"no client known for household {waiting}")
        assert app.outgoing.ids(HELD) == [file_id(waiting, AGB)]

        records.asked.clear()
        assert app.send_held(today()) == 0, "intake still knows no client: the 301 keeps waiting"
        assert records.asked == [(waiting, PURPOSE)], "only the waiting file is asked for again"

        records.records[waiting] = client(2)
        assert app.send_held(today()) == 1
        assert app.repository.get(file_id(waiting, AGB)).outgoing == SENT
        assert app.outgoing.ids(HELD) == []
        read = reads(app, monkeypatch)
        assert app.send_held(today()) == 0
        assert read == [], "a file once sent is not read by a later retry"


class TestIwmoOnPOPO(IwmoCase):
    pytestmark = pytest.mark.application


class TestIwmoOnPostgres(IwmoCase):
    pytestmark = pytest.mark.integration

    @pytest.fixture
    def settings(self, on_postgres: Callable[..., PlatformSettings]) -> PlatformSettings:
        return on_postgres("iwmo")
