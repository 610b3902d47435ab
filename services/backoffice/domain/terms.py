"""Terms of administrative law that the backoffice counts (Algemene wet bestuursrecht)."""

from __future__ import annotations

from datetime import date, timedelta

OBJECTION_TERM = timedelta(weeks=6)


def objection_deadline(dispatch: date) -> date:
    """The last day on which bezwaar can be made against a beschikking sent on `dispatch`.

    The bezwaartermijn is six weeks (Awb 6:7) and starts on the day after the beschikking was sent (Awb 6:8
    lid 1). It ends at the end of the day six weeks later, which is the same weekday as the dispatch:
    sent Monday 2 March 2026, the term starts Tuesday 3 March and ends Monday 13 April 2026.

    TODO: the Algemene termijnenwet (art. 1 and 3) extends a term whose last day is a Saturday, Sunday or
    general holiday to the next day that is none of these. Not implemented yet; the letter states the
    unextended date, which is never later than the true one.
    """
    first_day = dispatch + timedelta(days=1)
    return first_day + OBJECTION_TERM - timedelta(days=1)
