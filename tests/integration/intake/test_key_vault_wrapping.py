"""Household keys in the vault are wrapped by the key-encryption key; old unwrapped keys are wrapped when the
vault opens; a rotation rewraps them all, and intake refuses to run on keys wrapped by another KEK (issue 18, #5)."""

from __future__ import annotations

import uuid
from datetime import date

import psycopg
import pytest
from psycopg_pool import ConnectionPool

from services.intake.domain.household import HouseholdErased
from services.intake.key_rotation import rewrap_keys
from services.intake.key_wrapping import KeyEncryptionKeyError, local_kek, new_kek
from services.intake.sealing import new_key
from services.intake.vault import KeyVault
from tests.support.infra import create_database, drop_database
from tooling.embedded_postgres import EmbeddedPostgres

pytestmark = pytest.mark.integration
BEFORE_WRAPPING = """
CREATE SCHEMA IF NOT EXISTS intake;
CREATE TABLE intake.household_key (
    household_id uuid PRIMARY KEY, key bytea, created_at timestamptz NOT NULL DEFAULT now(), erased_on date
);
CREATE TABLE intake.household_lookup (
    digest bytea PRIMARY KEY, household_id uuid NOT NULL REFERENCES intake.household_key (household_id)
);
"""


def stored(dsn: str, household_id: uuid.UUID) -> tuple[bytes, str]:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT key, kek_id FROM intake.household_key WHERE household_id = %s", (household_id,)
        ).fetchone()
    assert row is not None
    return bytes(row[0]), row[1]


def test_old_keys_are_wrapped_on_open_and_a_rotation_rewraps_every_one(postgres: EmbeddedPostgres) -> None:
    """A scratch database: the test makes the key store of an intake from before wrapping, and rotates its KEK;
    the shared stack's intake keeps its own key store, wrapped by the session's KEK."""
    scratch = create_database(postgres.endpoint, f"wijk_vault_{uuid.uuid4().hex[:12]}")
    try:
        wrap_rotate_and_refuse(scratch.dsn())
    finally:
        drop_database(scratch)


def wrap_rotate_and_refuse(dsn: str) -> None:
    household, erased, key = uuid.uuid4(), uuid.uuid4(), new_key()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(BEFORE_WRAPPING)
        conn.execute("INSERT INTO intake.household_key (household_id, key) VALUES (%s, %s)", (household, key))
        conn.execute("INSERT INTO intake.household_key (household_id, erased_on) VALUES (%s, %s)",
                     (erased, date(2026, 1, 5)))  # fmt: skip
    old, new = local_kek(new_kek()), local_kek(new_kek())

    vault = KeyVault(dsn, old)
    try:
        assert vault.key(household) == key
        with pytest.raises(HouseholdErased):
            vault.key(erased)
        fresh = uuid.uuid4()
        made = vault.create(fresh)
        assert stored(dsn, fresh)[0] != made and made not in stored(dsn, fresh)[0]
    finally:
        vault.close()
    wrapped, kek_id = stored(dsn, household)
    assert wrapped != key and key not in wrapped and kek_id == old.key_id

    with pytest.raises(KeyEncryptionKeyError, match="finish the rotation"):
        KeyVault(dsn, new)
    with ConnectionPool(dsn, min_size=1, max_size=1) as pool:
        assert rewrap_keys(pool, old, new) == 2
    vault = KeyVault(dsn, new)
    try:
        assert vault.key(household) == key and vault.key(fresh) == made
    finally:
        vault.close()
    assert stored(dsn, household)[1] == new.key_id
