"""`GET /plans` answers on the event loop only when every stored view opens without a read from PostgreSQL: a plain
view, or one sealed with a household key held in memory; an erased household or a key to read goes to a thread."""

from __future__ import annotations

import time
import uuid
from types import SimpleNamespace
from typing import Any

from services.planning import read_model
from wijk.household_keys import KeyCache, MemoryTextKeys, seal


def row(household: uuid.UUID, *, sealed: str | None = None, erased: bool = False, plain: str | None = None) -> Any:
    return {"plan_id": uuid.uuid4(), "household_id": household, "team_id": "wijkteam-haven", "sealed": sealed,
            "erased": erased, "plain": plain}  # fmt: skip


def cached_keys(household: uuid.UUID | None) -> Any:
    cache = KeyCache(16)
    cache.extend(time.monotonic() + 60)
    if household is not None:
        cache.put(household, b"k" * 32, cache.get(household)[1])
    return SimpleNamespace(cache=cache)


def test_which_views_open_in_memory() -> None:
    household = uuid.uuid4()
    assert read_model.opens_in_memory(row(household, plain="{}"), None)
    assert read_model.opens_in_memory(row(household, sealed="x"), cached_keys(household))
    assert not read_model.opens_in_memory(row(household, sealed="x"), cached_keys(None))  # the key is to be read
    assert not read_model.opens_in_memory(row(household, sealed="x"), MemoryTextKeys())  # no cache: a thread
    assert not read_model.opens_in_memory(row(household, erased=True), cached_keys(household))
    erased = cached_keys(None)
    erased.cache.remember_erased(household, None)
    assert not read_model.opens_in_memory(row(household, sealed="x"), erased)


def test_the_stored_text_is_answered_as_it_is() -> None:
    keys, household = MemoryTextKeys(), uuid.uuid4()
    text = '{"plan_id": "p", "team_id": "wijkteam-haven"}'
    sealed = seal(keys, household, text).sealed
    assert read_model.opened_text(row(household, sealed=sealed), keys) == text
    assert read_model.opened_text(row(household, plain=text), keys) == text
    assert read_model.opened_text(row(household, erased=True), keys) is None
