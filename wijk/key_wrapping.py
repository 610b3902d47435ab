"""The key-encryption key (KEK) that wraps every household's own key, so the database never holds a usable key.

A copy of intake's tables (a backup, a dump, a replica) is useless without the KEK, which lives outside the
database: in embedded mode a file in the data folder (0600) or an environment variable, in production a secret the
platform mounts, or a KMS behind the same three-method interface (`KeyEncryptionKey`). Wrapping is AES key wrap
(RFC 3394) from `cryptography`; each wrapped key records the id of the KEK that wrapped it, so a rotation can be
finished and checked (docs/adr/0004-secrets-and-key-encryption-key.md; the text keys of ADR 0006 use the same
module).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

KEK_BYTES = 32


class KeyEncryptionKeyError(Exception):
    """A KEK that cannot be used (wrong length, not base64, missing), or a wrapped key it did not wrap."""


class KeyEncryptionKey(Protocol):
    """What the key vault needs of a KEK: a local key, or a KMS that wraps and unwraps on the vault's behalf."""

    @property
    def key_id(self) -> str:
        """A non-secret id of this KEK, stored beside every key it wrapped."""
        ...

    def wrap(self, key: bytes) -> bytes: ...

    def unwrap(self, wrapped: bytes) -> bytes: ...


class LocalKeyEncryptionKey:
    """A 256-bit KEK held by this process (from an environment variable or a file)."""

    def __init__(self, kek: bytes) -> None:
        if len(kek) != KEK_BYTES:
            raise KeyEncryptionKeyError(f"a key-encryption key has {KEK_BYTES} bytes (base64), not {len(kek)}")
        self._kek = kek
        self.key_id = hashlib.sha256(b"wijk key-encryption key id:" + kek).hexdigest()[:16]

    def wrap(self, key: bytes) -> bytes:
        return aes_key_wrap(self._kek, key)

    def unwrap(self, wrapped: bytes) -> bytes:
        try:
            return aes_key_unwrap(self._kek, wrapped)
        except InvalidUnwrap:
            raise KeyEncryptionKeyError(f"this key was not wrapped by key-encryption key {self.key_id}") from None


def new_kek() -> str:
    """A fresh KEK, base64: what `WIJK_INTAKE_KEY_ENCRYPTION_KEY` or its file holds."""
    return base64.b64encode(secrets.token_bytes(KEK_BYTES)).decode("ascii")


def local_kek(value: str = "", file: str = "") -> LocalKeyEncryptionKey:
    """The KEK from its base64 value, or else from the file that holds it."""
    if not value and file:
        try:
            value = Path(file).read_text(encoding="ascii").strip()
        except OSError as exc:
            raise KeyEncryptionKeyError(f"cannot read the key-encryption key file {file}: {exc.strerror}") from None
    if not value:
        raise KeyEncryptionKeyError("no key-encryption key: set it, or the file that holds it")
    try:
        return LocalKeyEncryptionKey(base64.b64decode(value, validate=True))
    except binascii.Error:
        raise KeyEncryptionKeyError("the key-encryption key is not base64") from None
