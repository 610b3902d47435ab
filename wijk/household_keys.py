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

Each process keeps the unwrapped keys it used last in memory (`KeyCache`), so a seal, an unseal or an aggregate
load does not read the key from PostgreSQL every time. An erasure still takes effect in every process:
`destroy` sends a `NOTIFY` on `text_key_destroyed` in the transaction that destroys the key, and every
`PostgresTextKeys` keeps one connection that `LISTEN`s on it and drops the household from its cache when the
notification arrives (milliseconds after the commit). The cache is only used while that connection is listening and
answered its last heartbeat recently: when it drops the cache is emptied and bypassed (every call reads PostgreSQL,
as before) until the connection is back and listening, and emptied again then.

With the in-memory event store (the application tests) the keys are in memory too (`MemoryTextKeys`).
"""

from __future__ import annotations

import base64
import logging
import os
import threading
import time
import uuid
from collections import OrderedDict
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

log = logging.getLogger(__name__)

NONCE_BYTES = 12
DESTROYED_CHANNEL = "text_key_destroyed"
"""The channel `destroy` notifies on, with the household id and the erasure date as the payload."""
LISTENER_NAME = "wijk text-key listener"
"""The application_name of each process's listening connection (pg_stat_activity shows it)."""
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
    text_key_cache_size: int = Field(
        4096,
        ge=0,
        description="How many households' unwrapped text keys each service keeps in memory (least recently used "
        "first out); 0: none, every use reads PostgreSQL. An erasure empties the entry in every service within "
        "milliseconds (LISTEN/NOTIFY); while that notification channel is down the cache is not used.",
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


class KeyCache:
    """The unwrapped keys a process used last, and the households it knows are erased, both bounded (LRU).

    Thread-safe (a service seals and unseals in its worker threads). A key is stored only if nothing was evicted
    or cleared between the moment its reader looked (`get`, which hands out the generation) and the moment it
    stores it (`put`): a key read just before an erasure's notification arrived is not put back after the
    notification removed it, and a key read while no listener listened is not put back once one does."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.keys: OrderedDict[UUID, bytes] = OrderedDict()
        self.erased: OrderedDict[UUID, date | None] = OrderedDict()
        self.evictions = 0
        """Raised by every eviction and clear; a reader's `put` is dropped when it changed since its look."""
        self.usable_until = 0.0
        """The monotonic time until which the cache may answer: the listener extends it after every heartbeat."""

    def get(self, household_id: UUID) -> tuple[bytes | None, int | None]:
        """The cached key (or None) and the generation a reader must hand to `put` (None: do not cache).
        TextErased when the household is known to be erased: an erasure is for good, so that holds always."""
        with self.lock:
            if household_id in self.erased:
                raise TextErased(household_id, self.erased[household_id])
            if self.size == 0 or time.monotonic() >= self.usable_until:
                return None, None
            key = self.keys.get(household_id)
            if key is not None:
                self.keys.move_to_end(household_id)
            return key, self.evictions

    def put(self, household_id: UUID, key: bytes, generation: int | None) -> None:
        with self.lock:
            if generation is None or generation != self.evictions or time.monotonic() >= self.usable_until:
                return
            self.keys[household_id] = key
            self.keys.move_to_end(household_id)
            while len(self.keys) > self.size:
                self.keys.popitem(last=False)

    def remember_erased(self, household_id: UUID, erased_on: date | None) -> None:
        with self.lock:
            self.evictions += 1
            self.keys.pop(household_id, None)
            self.erased[household_id] = erased_on
            self.erased.move_to_end(household_id)
            while len(self.erased) > max(self.size, 1):
                self.erased.popitem(last=False)

    def clear(self, usable_until: float) -> None:
        """Empty the keys (the erased ones stay known) and say until when the cache may answer (0: not now)."""
        with self.lock:
            self.evictions += 1
            self.keys.clear()
            self.usable_until = usable_until

    def extend(self, usable_until: float) -> None:
        with self.lock:
            self.usable_until = usable_until


class DestroyedListener(threading.Thread):
    """One connection per `PostgresTextKeys` that LISTENs on DESTROYED_CHANNEL and evicts each erased household.

    The cache answers only while this connection is listening and has answered a heartbeat within `silence`
    seconds: a connection that drops, or hangs without a word, takes the cache out of use within that bound.
    On a drop the cache is emptied; after LISTEN is active again it is emptied once more and used from then on."""

    def __init__(self, dsn: str, cache: KeyCache, heartbeat: float, silence: float, retry: float) -> None:
        super().__init__(name="text-key-listener", daemon=True)
        self.dsn, self.cache = dsn, cache
        self.heartbeat, self.silence, self.retry = heartbeat, silence, retry
        self.stopping = threading.Event()
        self.listening = threading.Event()
        self.wake_channel = f"text_key_listener_{uuid.uuid4().hex}"
        """A channel of this listener's own: `stop` notifies on it to end the wait at once."""
        self.backend_pid: int | None = None
        self.lost = False

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                self._listen()
            except Exception as exc:  # whatever ends the connection, the cache is out of use, retry
                if not self.stopping.is_set() and not self.lost:  # once per outage, not once per retry
                    log.warning("text-key listener lost (%s): the key cache is bypassed until it is back", exc)
                self.lost = True
            finally:
                self.listening.clear()
                self.backend_pid = None
                self.cache.clear(0.0)
            self.stopping.wait(self.retry)

    def _listen(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True, application_name=LISTENER_NAME) as conn:
            conn.execute(f"LISTEN {DESTROYED_CHANNEL}")
            conn.execute(f"LISTEN {self.wake_channel}")
            self.backend_pid = conn.info.backend_pid
            # Listening from here on: whatever was cached before may have missed an erasure, so start empty.
            self.cache.clear(time.monotonic() + self.silence)
            self.listening.set()
            if self.lost:
                log.info("text-key listener back: the key cache is in use again")
                self.lost = False
            while not self.stopping.is_set():
                for notify in conn.notifies(timeout=self.heartbeat):
                    self._evict(notify)
                if self.stopping.is_set():
                    return
                conn.execute("SELECT 1")  # a notification that arrives meanwhile waits in the backlog
                for notify in conn.notifies(timeout=0):
                    self._evict(notify)
                self.cache.extend(time.monotonic() + self.silence)

    def _evict(self, notify: psycopg.Notify) -> None:
        if notify.channel != DESTROYED_CHANNEL:
            return
        household, _, erased_on = notify.payload.partition(" ")
        self.cache.remember_erased(UUID(household), date.fromisoformat(erased_on) if erased_on else None)

    def stop(self, pool: ConnectionPool) -> None:
        self.stopping.set()
        if self.is_alive():
            try:
                with pool.connection(timeout=2.0) as conn:
                    conn.execute("SELECT pg_notify(%s, '')", (self.wake_channel,))
            except Exception:  # the database is gone: the wait ends at the next heartbeat anyway
                pass
            self.join(timeout=self.heartbeat + 2.0)


class PostgresTextKeys:
    """The text keys in `text_keys.household_key`, each wrapped by the key-encryption key; the ones used last are
    kept unwrapped in memory while the listener for erasures is connected (`KeyCache`, `DestroyedListener`)."""

    def __init__(
        self,
        dsn: str,
        kek: KeyEncryptionKey,
        *,
        cache_size: int = 4096,
        heartbeat: float = 1.0,
        silence: float = 5.0,
        retry: float = 1.0,
    ) -> None:
        self.kek = kek
        self.reads = 0
        """How many times a key was read from PostgreSQL (not from the cache)."""
        self.cache = KeyCache(cache_size)
        self.pool = ConnectionPool(dsn, min_size=1, max_size=4, open=True)
        try:
            with self.pool.connection() as conn, conn.transaction():
                # Every service creates the shared schema on start, all at once: one at a time, or one loses the race
                conn.execute("SELECT pg_advisory_xact_lock(hashtext('text_keys.household_key'))")
                conn.execute(SCHEMA_SQL)
        except BaseException:
            self.pool.close()
            raise
        self.listener = DestroyedListener(dsn, self.cache, heartbeat, silence, retry)
        if cache_size:
            self.listener.start()
            self.listener.listening.wait(timeout=5.0)  # without it the keys are read each time, which is correct

    @property
    def caching(self) -> bool:
        """Whether the cache answers now: the listener is listening and answered its last heartbeat in time."""
        return self.listener.listening.is_set() and time.monotonic() < self.cache.usable_until

    def close(self) -> None:
        self.listener.stop(self.pool)
        self.cache.clear(0.0)
        self.pool.close()

    def key(self, household_id: UUID) -> bytes:
        cached, generation = self.cache.get(household_id)
        if cached is not None:
            return cached
        try:
            key = self._read(household_id)
        except TextErased as erased:
            self.cache.remember_erased(household_id, erased.erased_on)
            raise
        self.cache.put(household_id, key, generation)
        return key

    def _read(self, household_id: UUID) -> bytes:
        self.reads += 1
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
        """The wrapped key is overwritten by NULL (kept as a row, so no service makes a new key for the household);
        in the same transaction every service's listener is notified, so each drops the key from its cache."""
        with self.pool.connection() as conn, conn.transaction():
            before = conn.execute(
                "SELECT key FROM text_keys.household_key WHERE household_id = %s FOR UPDATE", (household_id,)
            ).fetchone()
            row = conn.execute(
                "INSERT INTO text_keys.household_key (household_id, key, erased_on) VALUES (%s, NULL, %s) "
                "ON CONFLICT (household_id) DO UPDATE SET key = NULL, kek_id = NULL, "
                "erased_on = COALESCE(text_keys.household_key.erased_on, EXCLUDED.erased_on) RETURNING erased_on",
                (household_id, erased_on),
            ).fetchone()
            stored_on = row[0] if row is not None else erased_on
            conn.execute("SELECT pg_notify(%s, %s)", (DESTROYED_CHANNEL, f"{household_id} {stored_on.isoformat()}"))
        self.cache.remember_erased(household_id, stored_on)  # this process at once, before its notification
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
    kek = local_kek(own.text_key_encryption_key, own.text_key_encryption_key_file)
    return PostgresTextKeys(settings.pg_dsn(), kek, cache_size=own.text_key_cache_size)
