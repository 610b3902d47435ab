"""Identities no other test uses, for the shared stack: intake merges partner signals and households by BSN and
by address, and deduplicates signals by their sender and ce_id, so two tests that share one would share a
household. Every value is invented; BSNs pass the 11-proef and start with 99, as test BSNs do."""

from __future__ import annotations

import itertools
import random
import uuid
from uuid import UUID

from services.intake.domain.signal import signal_id

_house_numbers = itertools.count(random.randrange(1_000, 9_000) * 10)


def bsn() -> str:
    """A fresh nine-digit BSN that passes the 11-proef."""
    while True:
        digits = [9, 9, *(random.randrange(10) for _ in range(6))]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def house_number() -> str:
    """A house number no other test in this session uses (with a postcode, it finds one household)."""
    return str(next(_house_numbers))


def reference(prefix: str) -> str:
    """A partner's own reference for a signal, and its ce_id: unique, so intake takes it as a new signal."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def signal_of(source: str, event_id: str) -> UUID:
    """The id intake gives the signal a partner sent under this source and ce_id."""
    return signal_id(source, event_id)
