"""The in-process cache of unwrapped text keys (`wijk.household_keys.KeyCache`, ADR 0006): bounded, used only while
its listener says it may be, and never refilled with a key read before an erasure's eviction."""

from __future__ import annotations

import time
from datetime import date
from uuid import uuid4

import pytest

from wijk.household_keys import KeyCache, TextErased

pytestmark = pytest.mark.unit


def listening(cache: KeyCache) -> KeyCache:
    cache.clear(time.monotonic() + 60)
    return cache


def test_a_key_read_before_an_eviction_is_not_cached_after_it() -> None:
    cache, household, other = listening(KeyCache(10)), uuid4(), uuid4()
    key, generation = cache.get(household)
    assert key is None and generation is not None
    cache.remember_erased(other, date(2026, 12, 1))  # an erasure's notification while the key was being read
    cache.put(household, b"k" * 32, generation)
    assert cache.get(household)[0] is None, "dropped: it may be the erased household's key"
    _, generation = cache.get(household)
    cache.put(household, b"k" * 32, generation)
    assert cache.get(household)[0] == b"k" * 32


def test_without_a_listener_the_cache_neither_answers_nor_fills() -> None:
    cache, household = KeyCache(10), uuid4()  # usable_until 0: no listener yet
    key, generation = cache.get(household)
    assert (key, generation) == (None, None)
    cache.put(household, b"k" * 32, generation)
    listening(cache)
    _, generation = cache.get(household)
    cache.put(household, b"k" * 32, generation)
    cache.clear(0.0)  # the listener dropped
    assert cache.get(household) == (None, None), "emptied and bypassed"
    cache.remember_erased(household, date(2026, 12, 1))
    with pytest.raises(TextErased):
        cache.get(household)  # an erasure is for good: known without a listener too


def test_the_cache_keeps_the_most_recently_used_keys() -> None:
    cache = listening(KeyCache(2))
    first, second, third = uuid4(), uuid4(), uuid4()
    for household in (first, second):
        cache.put(household, household.bytes * 2, cache.get(household)[1])
    cache.get(first)  # used again: second is now the least recently used
    cache.put(third, third.bytes * 2, cache.get(third)[1])
    assert cache.get(first)[0] == first.bytes * 2
    assert cache.get(second)[0] is None
    assert cache.get(third)[0] == third.bytes * 2
