"""Keeping every household key wrapped by the one key-encryption key intake runs with.

- On start, a key stored unwrapped (before wrapping existed) is wrapped, each in the transaction that locks it, so
  two replicas starting at once wrap it once.
- On start, intake refuses to run when any key is wrapped by another KEK: a rotation was left half-done.
- A rotation (`wijk intake rewrap-keys`, intake stopped) unwraps every key with the old KEK and wraps it with the
  new one in a single transaction; then intake starts with the new KEK. Erased households have no key to rewrap.
"""

from __future__ import annotations

from psycopg_pool import ConnectionPool

from services.intake.key_wrapping import KeyEncryptionKey, KeyEncryptionKeyError

UNWRAPPED = "SELECT household_id, key FROM intake.household_key WHERE key IS NOT NULL AND kek_id IS NULL FOR UPDATE"
WRAPPED_BY = "SELECT household_id, key FROM intake.household_key WHERE key IS NOT NULL AND kek_id = %s FOR UPDATE"
STORE = "UPDATE intake.household_key SET key = %s, kek_id = %s WHERE household_id = %s"


def wrap_unwrapped_keys(pool: ConnectionPool, kek: KeyEncryptionKey) -> int:
    """Wrap every key stored in the clear; returns how many there were."""
    with pool.connection() as conn, conn.transaction():
        rows = conn.execute(UNWRAPPED).fetchall()
        for household_id, key in rows:
            conn.execute(STORE, (kek.wrap(bytes(key)), kek.key_id, household_id))
    return len(rows)


def refuse_foreign_keys(pool: ConnectionPool, kek: KeyEncryptionKey) -> None:
    """KeyEncryptionKeyError when a key is wrapped by a KEK other than `kek`: finish the rotation first."""
    with pool.connection() as conn:
        others = conn.execute(
            "SELECT DISTINCT kek_id FROM intake.household_key WHERE key IS NOT NULL AND kek_id <> %s", (kek.key_id,)
        ).fetchall()
    if others:
        found = ", ".join(sorted(str(row[0]) for row in others))
        raise KeyEncryptionKeyError(
            f"household keys are wrapped by key-encryption key {found}, not by this service's {kek.key_id}: "
            "finish the rotation (wijk intake rewrap-keys) or start with the key they were wrapped by"
        )


def rewrap_keys(pool: ConnectionPool, old: KeyEncryptionKey, new: KeyEncryptionKey) -> int:
    """Rotate: every key wrapped by `old` is wrapped by `new` instead, all in one transaction; returns the count."""
    with pool.connection() as conn, conn.transaction():
        rows = conn.execute(WRAPPED_BY, (old.key_id,)).fetchall()
        for household_id, wrapped in rows:
            conn.execute(STORE, (new.wrap(old.unwrap(bytes(wrapped))), new.key_id, household_id))
    return len(rows)
