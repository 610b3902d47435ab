"""The statutory terms the backoffice states and counts, on the Dutch calendar (`kernel.termijnen`).

- Bezwaartermijn: six weeks (Awb 6:7) from the day after dispatch (Awb 6:8 lid 1).
- Beslistermijn op bezwaar: six or twelve weeks (Awb 7:10) from the day after the bezwaartermijn ended.
Both are terms set by law: one that would end on a Saturday, Sunday or general holiday ends on the next day that
is none of these (Algemene termijnenwet art. 1 and 3, https://wetten.overheid.nl/BWBR0002448/).
"""

from __future__ import annotations

from datetime import date

from kernel.termijnen import term_end

OBJECTION_WEEKS = 6


def objection_deadline(dispatch: date) -> date:
    """The last day on which bezwaar can be made against a beschikking sent on `dispatch`.

    Sent Monday 2 March 2026: the term starts Tuesday 3 March and ends Monday 13 April 2026. Sent Saturday 14 March
    2026: six weeks end Saturday 25 April, Monday 27 April is King's Day, so the term ends Tuesday 28 April 2026.
    """
    return term_end(dispatch, weeks=OBJECTION_WEEKS)


def weeks_after(start: date, weeks: int) -> date:
    """A term of `weeks` counted from the day after `start`, extended under the Algemene termijnenwet."""
    return term_end(start, weeks=weeks)
