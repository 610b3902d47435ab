"""What every letter (beschikking) of every service writes the same way: dates and amounts in Dutch, the college
on whose behalf it is signed (Awb 10:10), and its text wrapped to the line width without ever breaking a reference.

textwrap breaks a word at a hyphen between two letters, and a besluit id or kenmerk is a UUID made of hyphenated
hex groups (`aeac-be2d`): such a break splits the reference over two lines, where a reader copying it, or a
search for it, no longer finds it whole.
"""

from __future__ import annotations

import textwrap
from datetime import date

LETTER_WIDTH = 110
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")  # fmt: skip


def format_date(day: date) -> str:
    """A date as Dutch letters write it: '2 maart 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_euros(cents: int) -> str:
    """Integer cents as a Dutch amount: 123456 -> '€ 1.234,56'."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}€ {euros:,}".replace(",", ".") + f",{rest:02d}"


def college(municipality: str) -> str:
    """The administrative body a Wmo, Jeugdwet or Wgs beschikking is taken by, as the letter names it."""
    return f"het college van burgemeester en wethouders van {municipality}"


def wrap(text: str, width: int = LETTER_WIDTH) -> list[str]:
    """The lines of `text`, broken only at spaces; a word longer than the line stays whole."""
    return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
