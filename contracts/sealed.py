"""Free text about a household, sealed with that household's own key (crypto-shredding, ADR 0006).

Goals, own strength, justifications, reasons and remarks are written by professionals about a household and may
hold anything: a name, a BSN, a diagnosis. A fact carries such text sealed (AES-256-GCM, the household id as
associated data): the services that hold the household's text key read it, everyone else sees ciphertext, and
once the household is erased (its key destroyed) nobody can read it again, on the bus or in a store. Facts published
before issue 18 carry the plain text; their fields therefore accept both shapes.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from contracts.bounds import Motivation, Text

SEALED_MAX = 60_000
"""Base64 of a 12-byte nonce, a 16-byte tag and at most a Motivation's 10,000 characters of UTF-8 (4 bytes each)."""


class SealedText(BaseModel):
    """Free text sealed with the household's key: base64 of a 96-bit nonce and the AES-256-GCM ciphertext."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sealed: str = Field(
        max_length=SEALED_MAX,
        pattern=r"^[A-Za-z0-9+/]+={0,2}$",
        description="Base64 of nonce (12 bytes) + AES-256-GCM ciphertext of the UTF-8 text, sealed with the "
        "household's text key and the household id as associated data; unreadable after the household's erasure.",
    )


FreeText = Annotated[SealedText | Text, Field(description="Free text about the household, sealed (issue 18).")]
"""A reason, a goal, a remark about a household: sealed; plain only in facts published before issue 18."""
FreeMotivation = Annotated[
    SealedText | Motivation, Field(description="A beschikking's motivation about the household, sealed (issue 18).")
]
"""A motivation (Awb 3:46) about a household: sealed; plain only in facts published before issue 18."""
