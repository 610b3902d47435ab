"""The Wgs terms for the first conversation, on the Dutch legal calendar (`kernel.termijnen`).

After a request for debt assistance the first conversation (eerste gesprek) takes place within four weeks; in a
threatening situation (bedreigende situatie: eviction, or disconnection of energy or water) within three working
days. Source: Wet gemeentelijke schuldhulpverlening (Wgs; art. 4a in this code's reading; the project's law notes,
LAW.md §1.5, cite the terms themselves but not the article number). The four weeks is a statutory term:
when it ends on a Saturday, Sunday or general holiday it runs to the next working day (Algemene termijnenwet
art. 1 and 3); working days skip weekends and the Atw general holidays.

Beside the domain, on the shared kernel's calendar; the trajectory stores the date it got.
"""

from __future__ import annotations

from datetime import date

from kernel.termijnen import add_working_days, term_end

FOUR_WEEKS = 4
THREATENING_WORKING_DAYS = 3


def within_four_weeks(received_on: date) -> date:
    """The last day for the first conversation: 4 weeks after the request, extended under Atw art. 1."""
    return term_end(received_on, weeks=FOUR_WEEKS)


def first_conversation_due(received_on: date, threatening: bool) -> date:
    """When the first conversation is due: 3 working days when threatening, else 4 weeks."""
    if threatening:
        return add_working_days(received_on, THREATENING_WORKING_DAYS)
    return within_four_weeks(received_on)


OBJECTION_WEEKS = 6


def objection_deadline(decided_on: date) -> date:
    """The bezwaartermijn of the Wgs beschikking sent on `decided_on`: six weeks from the day after (Awb 6:7, 6:8),
    extended under the Algemene termijnenwet."""
    return term_end(decided_on, weeks=OBJECTION_WEEKS)
