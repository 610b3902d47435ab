"""Intake's key-encryption key: the platform's (`wijk.key_wrapping`), which the text keys of ADR 0006 use too."""

from __future__ import annotations

from wijk.key_wrapping import (
    KEK_BYTES,
    KeyEncryptionKey,
    KeyEncryptionKeyError,
    LocalKeyEncryptionKey,
    local_kek,
    new_kek,
)

__all__ = ["KEK_BYTES", "KeyEncryptionKey", "KeyEncryptionKeyError", "LocalKeyEncryptionKey", "local_kek", "new_kek"]
