"""Names and free text without characters that hide or reorder what is shown.

NUL and the other control characters (tab and line breaks aside) and the bidirectional controls (U+200E, U+200F,
U+202A-U+202E, U+2066-U+2069) are refused: a right-to-left override makes "Anna Jansen" display as something else
in a letter, a list or a log. The public contract refuses the same set (`contracts.bounds.PLAIN`).
"""

from __future__ import annotations

CONTROLS = (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)
BIDI = (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
REFUSED = frozenset(chr(code) for code in (*CONTROLS, *BIDI))


def has_hidden_characters(value: str) -> bool:
    """True when `value` holds a control or bidirectional character."""
    return not REFUSED.isdisjoint(value)
