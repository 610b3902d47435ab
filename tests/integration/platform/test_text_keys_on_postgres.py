"""The households' text keys on PostgreSQL (ADR 0006): stored wrapped by the text key-encryption key, shared by
every service, and destroyed on erasure so that every sealed copy of the household's free text is unreadable."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import psycopg
import psycopg.conninfo
import pytest

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
