"""Client files as the gateway keeps them, built in memory for the rule tests (no store, no broker)."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

from services.iwmo.domain.client_file import ClientFile
from services.iwmo.domain.judgement import Context
from tests.unit.iwmo.samples import AGB, BSN, GEMEENTE

NUMMER = 123456789


def digest(bsn: str) -> str:
    return f"digest-of-{bsn}"


def sent_file(day: date, agb: str = AGB, nummer: int = NUMMER, bsn: str = BSN) -> ClientFile:
    """A client with one toewijzing (2 hours a week of 01A01 from two weeks ago) whose 301 went out."""
    file = ClientFile(uuid4(), "zorg-flevoland", agb)
    file.assign(
        nummer, uuid4(), uuid4(), "01", "01A01", 2, "04", "2", day - timedelta(days=14), day + timedelta(days=180),
        day - timedelta(days=14), "10:15:00",
    )  # fmt: skip
    file.sent("ID301", digest(bsn))
    return file


def context(day: date) -> Context:
    return Context(GEMEENTE, AGB, day, "RETOUR1")


def lookup_of(*files: ClientFile):  # type: ignore[no-untyped-def]
    by_number = {n: f for f in files for n in f.toewijzingen}
    return by_number.get


def events_of(file: ClientFile) -> list[str]:
    return [type(e).__name__ for e in file.collect_events()]
