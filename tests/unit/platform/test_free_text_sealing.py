"""Free text sealed with the household's text key, and the mapper that seals it in an event store (ADR 0006)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, UUIDAsHex

from contracts.sealed import SealedText
from kernel.errors import NotFound
from wijk.eventstore import DateAsISO
from wijk.household_keys import ERASED_TEXT, MemoryTextKeys, TextErased, TextUnreadable, readable, seal, unseal
from wijk.sealing_mapper import SealedTextAsString, SealingMapper
from wijk.transcodings import ValueObjectAsDict

pytestmark = pytest.mark.unit
TEXT = "Anna Jansen, BSN 999990019, alcoholverslaving"


def test_sealed_text_reads_back_only_with_its_household_and_not_after_erasure() -> None:
    keys, household, other = MemoryTextKeys(), uuid4(), uuid4()
    sealed = seal(keys, household, TEXT)
    assert TEXT not in sealed.sealed and "alcohol" not in sealed.model_dump_json()
    assert unseal(keys, household, sealed) == TEXT
    assert seal(keys, household, TEXT) != sealed, "a fresh nonce per seal"
    with pytest.raises(TextUnreadable):
        unseal(keys, other, sealed)  # the household id is the associated data: no moving a text elsewhere
    assert keys.destroy(household, date(2026, 12, 1)) is True
    assert keys.destroy(household, date(2026, 12, 2)) is False
    with pytest.raises(TextErased) as erased:
        unseal(keys, household, sealed)
    assert isinstance(erased.value, NotFound) and erased.value.erased_on == date(2026, 12, 1)
    with pytest.raises(TextErased):
        seal(keys, household, "nieuw doel")  # no new key for an erased household
    assert readable(keys, household, sealed) == ERASED_TEXT
    assert readable(keys, household, "plain, stored before issue 18") == "plain, stored before issue 18"


@dataclass(frozen=True)
class Note:
    topic: str
    text: str
    remarks: str = ""


class Dossier(Aggregate):
    def __init__(self, household_id: UUID) -> None:
        self.household_id = household_id
        self.notes: list[Note] = []
        self.results: list[dict[str, str]] = []

    class Noted(Aggregate.Event):
        household_id: UUID
        note: Note
        results: list[dict[str, str]]
        reason: str

    def note(self, note: Note, results: list[dict[str, str]], reason: str) -> None:
        self.trigger_event(self.Noted, household_id=self.household_id, note=note, results=results, reason=reason)


FREE_TEXT = {Dossier.Noted: ("note.text", "note.remarks", "results.*.remarks", "reason")}


def _transcoder() -> JSONTranscoder:
    transcoder = JSONTranscoder()
    for transcoding in (
        ValueObjectAsDict(Note, "note"),
        SealedTextAsString(),
        DateAsISO(),
        DatetimeAsISO(),
        UUIDAsHex(),
    ):
        transcoder.register(transcoding)
    return transcoder


def test_the_mapper_seals_each_named_text_in_the_store_and_unseals_it_for_the_aggregate() -> None:
    keys, household = MemoryTextKeys(), uuid4()
    dossier = Dossier(household)
    dossier.note(Note("zorg", TEXT), [{"life_domain": "health", "remarks": "dementie"}], reason="verhuisd")
    event = dossier.collect_events()[-1]
    mapper = SealingMapper(_transcoder(), keys, FREE_TEXT)
    stored = mapper.to_stored_event(event)
    for plain in (b"Anna", b"999990019", b"dementie", b"verhuisd"):
        assert plain not in stored.state
    assert b"zorg" in stored.state and b"health" in stored.state, "only the named texts are sealed"
    assert event.note.text == TEXT, "the event itself is not changed"

    read = mapper.to_domain_event(stored)
    assert (read.note, read.results, read.reason) == (
        Note("zorg", TEXT),
        [{"life_domain": "health", "remarks": "dementie"}],
        "verhuisd",
    )
    sealed = SealingMapper(_transcoder(), keys, FREE_TEXT, unsealing=False).to_domain_event(stored)
    assert isinstance(sealed.note.text, SealedText) and sealed.note.remarks == "", "an empty remark stays empty"
    assert unseal(keys, household, sealed.results[0]["remarks"]) == "dementie"

    keys.destroy(household, date(2026, 12, 1))
    erased = mapper.to_domain_event(stored)
    assert (erased.note.text, erased.results[0]["remarks"], erased.reason) == (ERASED_TEXT,) * 3
    assert erased.note.topic == "zorg", "the aggregate still loads, and counts, after the erasure"


def test_text_about_a_household_erased_meanwhile_is_not_kept_and_the_event_still_stores() -> None:
    keys, household = MemoryTextKeys(), uuid4()
    keys.destroy(household, date(2026, 12, 1))
    dossier = Dossier(household)
    dossier.note(Note("zorg", TEXT), [], reason="")
    stored = SealingMapper(_transcoder(), keys, FREE_TEXT).to_stored_event(dossier.collect_events()[-1])
    assert b"Anna" not in stored.state and ERASED_TEXT.encode() in stored.state
