"""The households' text keys on PostgreSQL (ADR 0006): stored wrapped by the text key-encryption key, shared by
every service, and destroyed on erasure so that every sealed copy of the household's free text is unreadable."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

import psycopg
import psycopg.conninfo
import pytest

from tooling.embedded_postgres import EmbeddedPostgres
from wijk.household_keys import PostgresTextKeys, TextErased, rewrap_text_keys, seal, unseal
from wijk.key_wrapping import KeyEncryptionKeyError, local_kek, new_kek
from wijk.settings import PlatformSettings

pytestmark = pytest.mark.integration


def test_a_text_key_is_stored_wrapped_shared_and_gone_after_erasure(infra: PlatformSettings) -> None:
    kek = local_kek(new_kek())
    planning, backoffice = PostgresTextKeys(infra.pg_dsn(), kek), PostgresTextKeys(infra.pg_dsn(), kek)
    try:
        household = uuid4()
        sealed = seal(planning, household, "dementie")
        assert unseal(backoffice, household, sealed) == "dementie", "one key per household, whoever made it"
        key = planning.key(household)
        with psycopg.connect(infra.pg_dsn()) as conn:
            stored, kek_id = conn.execute(
                "SELECT key, kek_id FROM text_keys.household_key WHERE household_id = %s", (household,)
            ).fetchone()  # type: ignore[misc]
        assert bytes(stored) != key and key not in bytes(stored), "the database holds the key wrapped only"
        assert kek_id == kek.key_id

        other = PostgresTextKeys(infra.pg_dsn(), local_kek(new_kek()))
        try:
            with pytest.raises(KeyEncryptionKeyError):
                other.key(household)  # a service with another KEK cannot use the key
        finally:
            other.close()

        assert backoffice.destroy(household, date(2026, 12, 1)) is True
        assert erased_within(planning, household, 2.0), "planning's cached key goes with the erasure's notification"
        with pytest.raises(TextErased):
            unseal(planning, household, sealed)
        with pytest.raises(TextErased):
            seal(planning, household, "a new goal after the erasure")  # no fresh key for an erased household
        with psycopg.connect(infra.pg_dsn()) as conn:
            row = conn.execute(
                "SELECT key, kek_id, erased_on FROM text_keys.household_key WHERE household_id = %s", (household,)
            ).fetchone()
        assert row == (None, None, date(2026, 12, 1))
        assert planning.destroy(household, date(2026, 12, 5)) is False, "erasing again changes nothing"

        never = uuid4()  # erased before any service sealed a text for it: no key is ever made
        planning.destroy(never, date(2026, 12, 1))
        with pytest.raises(TextErased):
            seal(backoffice, never, "te laat")
    finally:
        planning.close()
        backoffice.close()


def test_a_rotation_rewraps_every_text_key_and_refuses_a_wrong_old_kek(infra: PlatformSettings) -> None:
    """`wijk text-keys rewrap-keys`: the keys of every household, made under the old KEK, serve under the new one.
    Runs on a database of its own: a rotation covers every key in the table."""
    dsn = infra.pg_dsn()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS text_key_rotation")
        conn.execute("CREATE DATABASE text_key_rotation")
    own = psycopg.conninfo.make_conninfo(dsn, dbname="text_key_rotation")
    old, new, stranger = local_kek(new_kek()), local_kek(new_kek()), local_kek(new_kek())
    keys = PostgresTextKeys(own, old)
    households = [uuid4(), uuid4()]
    sealed = [seal(keys, household, f"tekst {n}") for n, household in enumerate(households)]
    keys.destroy(households[1], date(2026, 12, 1))
    keys.close()

    with pytest.raises(KeyEncryptionKeyError):
        rewrap_text_keys(own, stranger, new)  # nothing wrapped by it: the rotation is left undone, and says so
    assert rewrap_text_keys(own, old, new) == 1, "an erased household has no key to rewrap"
    rotated = PostgresTextKeys(own, new)
    try:
        assert unseal(rotated, households[0], sealed[0]) == "tekst 0"
        with pytest.raises(TextErased):
            unseal(rotated, households[1], sealed[1])
    finally:
        rotated.close()


def erased_within(keys: PostgresTextKeys, household: UUID, seconds: float) -> bool:
    """Whether `keys.key(household)` raises TextErased within `seconds` (polled)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            keys.key(household)
        except TextErased:
            return True
        time.sleep(0.01)
    return False


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_an_erasure_in_one_service_empties_every_services_key_cache(postgres: EmbeddedPostgres) -> None:
    kek = local_kek(new_kek())
    planning = PostgresTextKeys(postgres.endpoint.dsn(), kek)
    intake = PostgresTextKeys(postgres.endpoint.dsn(), kek)
    try:
        assert planning.caching and intake.caching, "each listens for erasures from its start"
        household, other = uuid4(), uuid4()
        sealed = seal(planning, household, "dementie")
        for keys in (planning, intake):
            keys.key(household), keys.key(other)
            reads = keys.reads
            assert unseal(keys, household, sealed) == "dementie"
            keys.key(other)
            assert keys.reads == reads, "both keys come from the cache now"

        assert intake.destroy(household, date(2026, 12, 1)) is True
        with pytest.raises(TextErased):
            intake.key(household)  # the process that erased, at once
        assert erased_within(planning, household, 2.0), "the other process's cached key went with the notification"
        with pytest.raises(TextErased) as erased:
            unseal(planning, household, sealed)
        assert erased.value.erased_on == date(2026, 12, 1)
        reads = planning.reads
        planning.key(other)
        assert planning.reads == reads, "another household's key stays cached"
    finally:
        planning.close()
        intake.close()
    assert not planning.listener.is_alive() and not intake.listener.is_alive(), "close stops the listener"


def test_the_key_cache_reads_postgresql_once_per_household(postgres: EmbeddedPostgres) -> None:
    """With the table locked against every reader, cached keys still answer and an uncached one waits."""
    keys = PostgresTextKeys(postgres.endpoint.dsn(), local_kek(new_kek()))
    try:
        households = [uuid4() for _ in range(20)]
        expected = {household: keys.key(household) for household in households}
        assert keys.reads == 20
        with psycopg.connect(postgres.endpoint.dsn()) as lock, lock.transaction():
            lock.execute("LOCK TABLE text_keys.household_key IN ACCESS EXCLUSIVE MODE")
            answered: dict[UUID, bytes] = {}

            def cached() -> None:
                for _ in range(50):
                    for household in households:
                        answered[household] = keys.key(household)

            reader = threading.Thread(target=cached, daemon=True)
            reader.start()
            reader.join(timeout=5.0)
            assert not reader.is_alive(), "1,000 calls answered while no query could read the table"
            assert answered == expected
            uncached = threading.Thread(target=keys.key, args=(uuid4(),), daemon=True)
            uncached.start()
            uncached.join(timeout=0.5)
            assert uncached.is_alive(), "a household not in the cache waits for the lock: the lock does hold readers"
        uncached.join(timeout=5.0)
        assert keys.reads == 21
    finally:
        keys.close()


def test_a_dropped_listener_takes_the_cache_out_of_use_until_it_listens_again(postgres: EmbeddedPostgres) -> None:
    kek = local_kek(new_kek())
    care = PostgresTextKeys(postgres.endpoint.dsn(), kek, retry=3.0)  # time to look while it is away
    intake = PostgresTextKeys(postgres.endpoint.dsn(), kek)
    try:
        erased, kept = uuid4(), uuid4()
        key = care.key(kept)
        care.key(erased)
        first = care.listener.backend_pid
        with psycopg.connect(postgres.endpoint.dsn(), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (first,))
        assert wait_until(lambda: not care.caching, 2.0), "the listener's loss is seen"
        intake.destroy(erased, date(2026, 12, 1))  # its notification reaches no listener of care's
        with pytest.raises(TextErased):
            care.key(erased)
        reads = care.reads
        assert care.key(kept) == key and care.key(kept) == key
        assert care.reads == reads + 2, "bypassed: each call reads PostgreSQL"

        assert wait_until(lambda: care.caching, 10.0), "the listener comes back"
        assert care.listener.backend_pid not in (None, first)
        with pytest.raises(TextErased):
            care.key(erased)
        reads = care.reads
        assert care.key(kept) == key and care.key(kept) == key
        assert care.reads == reads + 1, "cached again once listening"
        intake.destroy(kept, date(2026, 12, 2))
        assert erased_within(care, kept, 2.0), "and the new listener hears the next erasure"
    finally:
        care.close()
        intake.close()
