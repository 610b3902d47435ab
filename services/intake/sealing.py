"""Sealing personal data with a household's own key, and blind indexes to find a household without plaintext.

AES-256-GCM with a fresh 96-bit nonce per seal; the household id is the associated data, so a sealed blob cannot be
moved to another household. A blind index is an HMAC-SHA256 of a normalised value under a secret setting: it lets a
partner signal be matched by BSN or by postcode and house number while the table holds no readable value.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from typing import Any
from uuid import UUID

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def seal(key: bytes, household_id: UUID, data: dict[str, Any]) -> str:
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(key).encrypt(nonce, json.dumps(data).encode(), household_id.bytes)
    return base64.b64encode(nonce + ciphertext).decode("ascii")


def unseal(key: bytes, household_id: UUID, sealed: str) -> dict[str, Any]:
    raw = base64.b64decode(sealed)
    plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], household_id.bytes)
    data: dict[str, Any] = json.loads(plain)
    return data


def bsn_index(secret: bytes, bsn: str) -> bytes:
    return _hmac(secret, f"bsn:{bsn.strip().zfill(9)}")


def address_index(secret: bytes, postcode: str, house_number: str) -> bytes:
    normalised = postcode.replace(" ", "").upper() + "|" + house_number.replace(" ", "").upper()
    return _hmac(secret, f"address:{normalised}")


def _hmac(secret: bytes, value: str) -> bytes:
    return hmac.new(secret, value.encode(), hashlib.sha256).digest()
