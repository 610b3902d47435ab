"""Wrapping the text of a letter (beschikking) to its line width without ever breaking a reference.

textwrap breaks a word at a hyphen between two letters, and a besluit id or kenmerk is a UUID made of hyphenated
hex groups (`aeac-be2d`): such a break splits the reference over two lines, where a reader copying it, or a
search for it, no longer finds it whole.
"""

from __future__ import annotations

import textwrap

LETTER_WIDTH = 110


def wrap(text: str, width: int = LETTER_WIDTH) -> list[str]:
    """The lines of `text`, broken only at spaces; a word longer than the line stays whole."""
    return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
