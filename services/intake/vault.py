"""The key store: one AES key per household, and the blind indexes that point to it, in intake's own schema.

Every household key is stored wrapped by the key-encryption key (`key_wrapping`), which never enters the database,
with the id of that KEK beside it; keys stored before wrapping existed are wrapped when the vault opens
(`key_rotation`). Erasure destroys the wrapped key and deletes the indexes in one transaction: from then on the
household's sealed personal data is unreadable wherever a copy of an event lives (crypto-shredding).
With the in-memory event store (the application tests) the vault is in memory too (`MemoryVault`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from psycopg_pool import ConnectionPool

from kernel.errors import NotFound
from services.intake.domain.household import HouseholdErased
from services.intake.domain.residents import AlreadyRegistered
from services.intake.key_rotation import refuse_foreign_keys, wrap_unwrapped_keys
from services.intake.key_wrapping import KeyEncryptionKey, KeyEncryptionKeyError
from services.intake.sealing import new_key
from wijk.settings import PlatformSettings

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS intake.household_key (
    household_id uuid PRIMARY KEY,
    key bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    erased_on date
);
-- The id of the key-encryption key that wrapped `key`; NULL for a key stored before wrapping existed.
ALTER TABLE intake.household_key ADD COLUMN IF NOT EXISTS kek_id text;
CREATE TABLE IF NOT EXISTS intake.household_lookup (
    digest bytea PRIMARY KEY,
    household_id uuid NOT NULL REFERENCES intake.household_key (household_id)
);
"""


class KeyVault:
    def __init__(self, dsn: str, kek: KeyEncryptionKey) -> None:
        self.kek = kek
        self.pool = ConnectionPool(dsn, min_size=1, max_size=4, open=True)
        try:
            with self.pool.connection() as conn:
                conn.execute(SCHEMA_SQL)
            wrap_unwrapped_keys(self.pool, kek)
            refuse_foreign_keys(self.pool, kek)
        except BaseException:
            self.pool.close()
            raise

    def close(self) -> None:
        self.pool.close()

    def create(self, household_id: UUID, digests: Iterable[bytes] = (), unique: Iterable[bytes] = ()) -> bytes:
        """A fresh key for a new household, with the blind indexes that find it: for `digests` the newest household
        wins (an address), `unique` ones (a BSN) must point nowhere yet, else AlreadyRegistered and nothing is made."""
        key = new_key()
        with self.pool.connection() as conn, conn.transaction():
            conn.execute(
                "INSERT INTO intake.household_key (household_id, key, kek_id) VALUES (%s, %s, %s)",
                (household_id, self.kek.wrap(key), self.kek.key_id),
            )
            for digest in unique:
                taken = conn.execute(
                    "INSERT INTO intake.household_lookup (digest, household_id) VALUES (%s, %s) "
                    "ON CONFLICT (digest) DO NOTHING RETURNING digest",
                    (digest, household_id),
                ).fetchone()
                if taken is None:
                    raise AlreadyRegistered("a resident's BSN is already registered in another household")
            self._index(conn, household_id, digests)
        return key

    def add_indexes(self, household_id: UUID, digests: Iterable[bytes]) -> None:
        with self.pool.connection() as conn, conn.transaction():
            self._index(conn, household_id, digests)

    def key(self, household_id: UUID) -> bytes:
        with self.pool.connection() as conn:
            row = conn.execute(
                "SELECT key, erased_on, kek_id FROM intake.household_key WHERE household_id = %s", (household_id,)
            ).fetchone()
        if row is None:
            raise NotFound(f"no household {household_id}")
        if row[0] is None:
            raise HouseholdErased(household_id, row[1])
        if row[2] != self.kek.key_id:
            raise KeyEncryptionKeyError(f"household {household_id}'s key is wrapped by key-encryption key {row[2]}")
        return self.kek.unwrap(bytes(row[0]))

    def find(self, digests: Iterable[bytes]) -> UUID | None:
        """The household a blind index points to (the first digest that matches), if any."""
        with self.pool.connection() as conn:
            for digest in digests:
                row = conn.execute(
                    "SELECT l.household_id FROM intake.household_lookup l JOIN intake.household_key k "
                    "USING (household_id) WHERE l.digest = %s AND k.key IS NOT NULL",
                    (digest,),
                ).fetchone()
                if row is not None:
                    return UUID(str(row[0]))
        return None

    def destroy(self, household_id: UUID, erased_on: date) -> None:
        """Crypto-shredding: the key and every index of the household go, in one transaction."""
        with self.pool.connection() as conn, conn.transaction():
            conn.execute("DELETE FROM intake.household_lookup WHERE household_id = %s", (household_id,))
            conn.execute(
                "UPDATE intake.household_key SET key = NULL, erased_on = COALESCE(erased_on, %s) "
                "WHERE household_id = %s",
                (erased_on, household_id),
            )

    def forget(self, household_id: UUID) -> None:
        """Remove a key whose household was never saved (a command that failed after the key was made)."""
        with self.pool.connection() as conn, conn.transaction():
            conn.execute("DELETE FROM intake.household_lookup WHERE household_id = %s", (household_id,))
            conn.execute("DELETE FROM intake.household_key WHERE household_id = %s", (household_id,))

    @staticmethod
    def _index(conn: object, household_id: UUID, digests: Iterable[bytes]) -> None:
        for digest in digests:
            conn.execute(  # type: ignore[attr-defined]
                "INSERT INTO intake.household_lookup (digest, household_id) VALUES (%s, %s) "
                "ON CONFLICT (digest) DO UPDATE SET household_id = EXCLUDED.household_id",
                (digest, household_id),
            )


class MemoryVault(KeyVault):
    """The same vault in memory, beside the in-memory event store: the application tests' vault. It holds the keys
    as they are: there is no database to keep the key-encryption key away from."""

    def __init__(self) -> None:
        self.keys: dict[UUID, tuple[bytes | None, date | None]] = {}
        self.lookup: dict[bytes, UUID] = {}

    def close(self) -> None:
        pass

    def create(self, household_id: UUID, digests: Iterable[bytes] = (), unique: Iterable[bytes] = ()) -> bytes:
        unique = list(unique)
        if any(digest in self.lookup for digest in unique):
            raise AlreadyRegistered("a resident's BSN is already registered in another household")
        key = new_key()
        self.keys[household_id] = (key, None)
        self.add_indexes(household_id, [*unique, *digests])
        return key

    def add_indexes(self, household_id: UUID, digests: Iterable[bytes]) -> None:
        self.lookup.update(dict.fromkeys(digests, household_id))

    def key(self, household_id: UUID) -> bytes:
        if household_id not in self.keys:
            raise NotFound(f"no household {household_id}")
        key, erased_on = self.keys[household_id]
        if key is None:
            raise HouseholdErased(household_id, erased_on)
        return key

    def find(self, digests: Iterable[bytes]) -> UUID | None:
        for digest in digests:
            household_id = self.lookup.get(digest)
            if household_id is not None and self.keys[household_id][0] is not None:
                return household_id
        return None

    def destroy(self, household_id: UUID, erased_on: date) -> None:
        self.lookup = {d: h for d, h in self.lookup.items() if h != household_id}
        _, erased = self.keys.get(household_id, (None, None))
        self.keys[household_id] = (None, erased or erased_on)

    def forget(self, household_id: UUID) -> None:
        self.lookup = {d: h for d, h in self.lookup.items() if h != household_id}
        self.keys.pop(household_id, None)


def open_vault(settings: PlatformSettings, kek: KeyEncryptionKey) -> KeyVault:
    """The vault beside the event store the settings choose."""
    return MemoryVault() if settings.persistence == "popo" else KeyVault(settings.pg_dsn(), kek)
