"""The burgerservicenummer and its 11-proef (elfproef).

A BSN has nine digits (older eight-digit numbers get a leading zero). With digits d1..d9, the sum
9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 - 1·d9 must be divisible by 11; the -1 weight rejects mistyped
bank account numbers. Passing the test does not prove that the number exists. Source: Wet algemene bepalingen
burgerservicenummer; LAW.md §4.1 (e.g. 123456782 passes: the sum is 154 = 14·11).
"""

from __future__ import annotations

from kernel.errors import Refused

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


class InvalidBsn(Refused):
    """Not a BSN: wrong length, not digits, all zeros, or it fails the 11-proef. The message never repeats it."""


def check_bsn(raw: str) -> str:
    """The BSN as nine digits, or InvalidBsn with a clear reason."""
    bsn = raw.strip()
    if not (bsn.isascii() and bsn.isdigit()) or len(bsn) not in (
        8,
        9,
    ):  # isdigit() alone admits fullwidth and Arabic-Indic digits
        raise InvalidBsn("a BSN has nine digits 0-9 (or eight, read with a leading zero)")
    bsn = bsn.zfill(9)
    if bsn == "000000000":
        raise InvalidBsn("a BSN cannot be all zeros")
    if sum(w * int(d) for w, d in zip(WEIGHTS, bsn, strict=True)) % 11 != 0:
        raise InvalidBsn("the BSN fails the 11-proef (elfproef): check it for a typing error")
    return bsn
