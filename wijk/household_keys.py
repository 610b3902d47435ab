"""Each household's text key: the key free text about the household is sealed with, destroyed on its erasure.

Free text a professional writes about a household (a goal, own strength, a justification, reasons, remarks) may hold
anything, a diagnosis or a name included. A service seals it with the household's text key before it goes into its
event store or onto the bus (`wijk.sealing_mapper`), so that destroying that one key makes every copy unreadable:
in every service's store, in every fact on every topic, in every backup (crypto-shredding, ADR 0006).

One key per household, in the platform schema `text_keys` of the database every service shares, because the text
crosses services: planning's motivation of a refusal is printed in the backoffice's letter (Awb 3:46). Each key is
stored wrapped by the text key-encryption key (`wijk.key_wrapping`, AES key wrap from `cryptography`), which never
enters the database. Sealing is AES-256-GCM from `cryptography` with a fresh 96-bit nonce, the household id as
associated data, so a sealed text cannot be moved to another household. No crypto of our own.

With the in-memory event store (the application tests) the keys are in memory too (`MemoryTextKeys`).
"""

from __future__ import annotations

import base64
import os
from datetime import date
from typing import Protocol
from uuid import UUID

import psycopg
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from psycopg_pool import ConnectionPool
from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from contracts.sealed import SealedText
from kernel.errors import NotFound
from wijk.key_wrapping import KeyEncryptionKey, KeyEncryptionKeyError, local_kek
from wijk.settings import PlatformSettings, load_settings

NONCE_BYTES = 12
ERASED_TEXT = "[gewist]"
"""What a reader sees where a text of an erased household was: the text itself is gone for good."""
SCHEMA_SQL = """
DO $$ BEGIN
IF to_regclass('text_keys.household_key') IS NULL THEN
    CREATE SCHEMA IF NOT EXISTS text_keys;
    CREATE TABLE IF NOT EXISTS text_keys.household_key (
        household_id uuid PRIMARY KEY,
        key bytea,
        kek_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_on date
    );
END IF;
END $$;
"""
"""Made by the operator's provisioning (`wijk db provision`), which grants the services' roles their rights on it;
created here only where a service runs as the owner of the database (the tests)."""


class TextErased(NotFound):
    """The household was erased: its text key is destroyed, so its free text can be neither read nor written."""

    def __init__(self, household_id: UUID, erased_on: date | None) -> None:
        super().__init__(f"household {household_id}'s free text was erased on {erased_on}: its key is destroyed")
        self.household_id, self.erased_on = household_id, erased_on


class TextUnreadable(Exception):
    """A sealed text that this household's key did not seal: tampered with, or moved from another household.
    A bug or an attack, never a state the domain expects."""


class TextKeySettings(BaseSettings):
    """The key-encryption key of the text keys (environment prefix `WIJK_`): every service that seals free text."""

    model_config = SettingsConfigDict(env_prefix="WIJK_", extra="ignore")

    text_key_encryption_key: str = Field(
        "",
        description="The key-encryption key (base64 of 32 bytes) that wraps every household's text key (ADR 0006); "
        "the same value for every service, kept out of the database. This or text_key_encryption_key_file is "
        "required by a service on PostgreSQL.",
    )
    text_key_encryption_key_file: str = Field(
        "", description="A file holding the text key-encryption key (base64 of 32 bytes), e.g. a mounted secret."
    )

    @model_validator(mode="after")
    def _one_kek(self) -> TextKeySettings:
        if bool(self.text_key_encryption_key) == bool(self.text_key_encryption_key_file):
            raise ValueError("set exactly one of text_key_encryption_key and text_key_encryption_key_file")
        return self


class TextKeys(Protocol):
    """What a service needs of the key store."""

    def key(self, household_id: UUID) -> bytes:
        """The household's text key, made on first use; TextErased once the household is erased."""
        ...

    def destroy(self, household_id: UUID, erased_on: date) -> bool:
        """Crypto-shredding: the key goes for good (a later `key` is TextErased). True if this call destroyed it."""
        ...

    def close(self) -> None: ...


def seal(keys: TextKeys, household_id: UUID, text: str) -> SealedText:
    """The text sealed with the household's key (TextErased when it was erased)."""
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(keys.key(household_id)).encrypt(nonce, text.encode(), household_id.bytes)
    return SealedText(sealed=base64.b64encode(nonce + ciphertext).decode("ascii"))


def unseal(keys: TextKeys, household_id: UUID, sealed: SealedText) -> str:
    """The text (TextErased when the household was erased, TextUnreadable when another key sealed it)."""
    raw = base64.b64decode(sealed.sealed)
    try:
        return AESGCM(keys.key(household_id)).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], household_id.bytes).decode()
    except InvalidTag:
        raise TextUnreadable(f"a sealed text of household {household_id} that its key did not seal") from None


def readable(keys: TextKeys, household_id: UUID, value: SealedText | str) -> str:
    """What a reader with the right to see the household is shown: the text, or ERASED_TEXT after its erasure.
    Plain text (stored before issue 18) is shown as it is."""
    if not isinstance(value, SealedText):
        return value
    try:
        return unseal(keys, household_id, value)
    except TextErased:
        return ERASED_TEXT


class PostgresTextKeys:
    """The text keys in `text_keys.household_key`, each wrapped by the key-encryption key."""

    def __init__(self, dsn: str, kek: KeyEncryptionKey) -> None:
        self.kek = kek
        self.pool = ConnectionPool(dsn, min_size=1, max_size=4, open=True)
        try:
            with self.pool.connection() as conn, conn.transaction():
                # Every service creates the shared schema on start, all at once: one at a time, or one loses the race
                conn.execute("SELECT pg_advisory_xact_lock(hashtext('text_keys.household_key'))")
                conn.execute(SCHEMA_SQL)
        except BaseException:
            self.pool.close()
            raise

    def close(self) -> None:
        self.pool.close()

    def key(self, household_id: UUID) -> bytes:
        with self.pool.connection() as conn:
            row = conn.execute(
                "SELECT key, erased_on, kek_id FROM text_keys.household_key WHERE household_id = %s", (household_id,)
            ).fetchone()
            if row is None:
                key = AESGCM.generate_key(bit_length=256)
                conn.execute(
                    "INSERT INTO text_keys.household_key (household_id, key, kek_id) VALUES (%s, %s, %s) "
                    "ON CONFLICT (household_id) DO NOTHING",
                    (household_id, self.kek.wrap(key), self.kek.key_id),
                )
                row = conn.execute(  # another service may have made it first: everyone uses the stored one
                    "SELECT key, erased_on, kek_id FROM text_keys.household_key WHERE household_id = %s",
                    (household_id,),
                ).fetchone()
        assert row is not None
        wrapped, erased_on, kek_id = row
        if wrapped is None:
            raise TextErased(household_id, erased_on)
        if kek_id != self.kek.key_id:
            raise KeyEncryptionKeyError(f"household {household_id}'s text key is wrapped by another KEK, {kek_id}")
        return self.kek.unwrap(bytes(wrapped))

    def destroy(self, household_id: UUID, erased_on: date) -> bool:
        """The wrapped key is overwritten by NULL (kept as a row, so no service makes a new key for the household)."""
        with self.pool.connection() as conn, conn.transaction():
            before = conn.execute(
                "SELECT key FROM text_keys.household_key WHERE household_id = %s FOR UPDATE", (household_id,)
            ).fetchone()
            conn.execute(
                "INSERT INTO text_keys.household_key (household_id, key, erased_on) VALUES (%s, NULL, %s) "
                "ON CONFLICT (household_id) DO UPDATE SET key = NULL, kek_id = NULL, "
                "erased_on = COALESCE(text_keys.household_key.erased_on, EXCLUDED.erased_on)",
                (household_id, erased_on),
            )
        return before is None or before[0] is not None


def rewrap_text_keys(dsn: str, old: KeyEncryptionKey, new: KeyEncryptionKey) -> int:
    """Rotate the text KEK: every text key wrapped by `old` is wrapped by `new`, in one transaction (all or nothing),
    with every service that seals stopped; then KeyEncryptionKeyError if any key is still wrapped by another KEK.
    Returns how many keys were rewrapped (erased households have none)."""
    with psycopg.connect(dsn) as conn:
        with conn.transaction():
            rows = conn.execute(
                "SELECT household_id, key FROM text_keys.household_key WHERE key IS NOT NULL AND kek_id = %s "
                "FOR UPDATE",
                (old.key_id,),
            ).fetchall()
            for household_id, wrapped in rows:
                conn.execute(
                    "UPDATE text_keys.household_key SET key = %s, kek_id = %s WHERE household_id = %s",
                    (new.wrap(old.unwrap(bytes(wrapped))), new.key_id, household_id),
                )
        others = conn.execute(
            "SELECT DISTINCT kek_id FROM text_keys.household_key WHERE key IS NOT NULL AND kek_id <> %s",
            (new.key_id,),
        ).fetchall()
    if others:
        found = ", ".join(sorted(str(row[0]) for row in others))
        raise KeyEncryptionKeyError(f"text keys are still wrapped by key-encryption key {found}, not {new.key_id}")
    return len(rows)


class MemoryTextKeys:
    """The same store in memory, beside the in-memory event store (the application tests)."""

    def __init__(self) -> None:
        self.keys: dict[UUID, tuple[bytes | None, date | None]] = {}

    def close(self) -> None:
        pass

    def key(self, household_id: UUID) -> bytes:
        key, erased_on = self.keys.setdefault(household_id, (AESGCM.generate_key(bit_length=256), None))
        if key is None:
            raise TextErased(household_id, erased_on)
        return key

    def destroy(self, household_id: UUID, erased_on: date) -> bool:
        key, erased = self.keys.get(household_id, (b"", None))
        self.keys[household_id] = (None, erased or erased_on)
        return key is not None


def open_text_keys(settings: PlatformSettings) -> TextKeys:
    """The text keys beside the event store the settings choose; on PostgreSQL the KEK must be set."""
    if settings.persistence == "popo":
        return MemoryTextKeys()
    own = load_settings(TextKeySettings)
    return PostgresTextKeys(settings.pg_dsn(), local_kek(own.text_key_encryption_key, own.text_key_encryption_key_file))
