"""The dwangsom bij niet tijdig beslissen (Awb 4:17, 4:18): pure arithmetic on the Dutch calendar.

- Lid 3: the first day of the penalty is the day on which two weeks have passed after the day on which the decision
  term had passed and the college had received a written notice of default (ingebrekestelling). A notice is only
  a notice once the term has passed, so that day is the day of receipt. The two weeks are a term set by law: when
  their last day is a Saturday, Sunday or general holiday they run on to the next working day (Algemene
  termijnenwet art. 1; 4:17 lid 1 excludes the Atw for the 42 days only, so it applies here: inferred a contrario).
  The college may still decide on the last day of the two weeks without owing anything.
- Lid 1 and 2: the penalty accrues for every calendar day the college is in default, holidays included, for at
  most 42 days: EUR 23 a day for the first 14 days, EUR 35 for the next 14, EUR 45 for the rest. The Atw does not
  apply to the 42 days, so the last day is never moved. In default until the beschikking is sent: the day of
  dispatch no longer counts (inferred: bekendmaking by dispatch, Awb 3:41).
- 4:18: the college determines the penalty by beschikking within two weeks after the last day it accrued (a term
  set by law, so Atw-extended).
Sources: https://pgawb.nl/pg-awb-digitaal/hoofdstuk-4/4-1-bijzondere-bepalingen-over-besluiten/4-1-3-beslistermijn/4-1-3-2-dwangsom-bij-niet-tijdig-beslissen/artikel-417/
(LAW.md §1.4) and https://wetten.overheid.nl/BWBR0002448/ (Atw).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID, uuid5

from kernel.errors import Conflict, Refused
from kernel.termijnen import term_end

TIERS = ((14, 2300), (14, 3500), (14, 4500))
"""(days, cents a day) in order: Awb 4:17 lid 2."""
MAX_DAYS = sum(days for days, _ in TIERS)
"""42 (Awb 4:17 lid 1)."""
MAX_CENTS = sum(days * cents for days, cents in TIERS)
"""EUR 1,442."""
GRACE_WEEKS = 2
DETERMINATION_WEEKS = 2
EXEMPTIONS = {
    "unreasonably_late": "Awb 4:17 lid 6 onder a: de ingebrekestelling kwam onredelijk laat",
    "not_interested_party": "Awb 4:17 lid 6 onder b: de aanvrager is geen belanghebbende",
    "manifestly_inadmissible": "Awb 4:17 lid 6 onder c: de aanvraag is kennelijk niet-ontvankelijk of ongegrond",
}
"""When no penalty is due at all, each a judgement the college records (Awb 4:17 lid 6)."""


class NoticeTooEarly(Conflict):
    """A notice of default before the decision term passed has no effect (Awb 4:17 lid 3)."""


@dataclass(frozen=True)
class Default:
    """A notice of default on a decision term, and the penalty days it opens."""

    clock_id: str
    decision_due: date
    received_on: date
    first_day: date
    """The first day the penalty accrues (Awb 4:17 lid 3)."""
    cap_day: date
    """The 42nd day: the last one that can accrue (Awb 4:17 lid 1, never moved by the Atw)."""


def default_of(clock_id: str, decision_due: date, received_on: date) -> Default:
    if received_on <= decision_due:
        raise NoticeTooEarly(
            f"the decision term runs until {decision_due.isoformat()}: a notice of default received on "
            f"{received_on.isoformat()} has no effect (Awb 4:17 lid 3); give notice after the term has passed"
        )
    first_day = term_end(received_on, weeks=GRACE_WEEKS) + timedelta(days=1)
    return Default(clock_id, decision_due, received_on, first_day, first_day + timedelta(days=MAX_DAYS - 1))


def last_day(default: Default, dispatched_on: date | None, today: date) -> date | None:
    """The last day that accrued: the day before dispatch, the 42nd day, or (still in default) yesterday at most.
    None when no day accrued."""
    end = min(default.cap_day, (dispatched_on or today) - timedelta(days=1))
    return end if end >= default.first_day else None


def accrual_ended(default: Default, dispatched_on: date | None, today: date) -> bool:
    """No more days can accrue: the beschikking was sent, or the 42nd day has passed."""
    return dispatched_on is not None or today > default.cap_day


def penalty_cents(days: int) -> int:
    """The penalty for `days` days in default, capped at 42 days: EUR 23, then 35, then 45 a day."""
    if days < 0:
        raise Refused(f"days in default cannot be negative, got {days}")
    total, left = 0, min(days, MAX_DAYS)
    for tier_days, cents in TIERS:
        counted = min(left, tier_days)
        total, left = total + counted * cents, left - counted
    return total


def euros(cents: int) -> str:
    """Cents as EUR for messages: 144200 -> 'EUR 1442.00'."""
    return f"EUR {cents // 100}.{cents % 100:02d}"


def determination_due(last: date) -> date:
    """Awb 4:18: the college determines the penalty within two weeks after the last day it accrued."""
    return term_end(last, weeks=DETERMINATION_WEEKS)


@dataclass(frozen=True)
class Penalty:
    """The college's determination of the penalty (Awb 4:18): how many days accrued, the amount, by whom."""

    clock_id: str
    determined_on: date
    determined_by: str
    days: int
    amount_cents: int
    first_day: date | None
    last_day: date | None
    determination_due: date | None
    """Two weeks after the last day that accrued (None when no day accrued)."""
    exemption: str = ""
    """A ground of Awb 4:17 lid 6 on which nothing is due (a key of EXEMPTIONS), or empty."""

    @property
    def in_time(self) -> bool:
        return self.determination_due is None or self.determined_on <= self.determination_due


def determine(
    default: Default, dispatched_on: date | None, today: date, determined_by: str, exemption: str = ""
) -> Penalty:
    """The penalty as the college determines it on `today`, once no more days can accrue."""
    if exemption and exemption not in EXEMPTIONS:
        raise Refused(f"exemption {exemption!r} is not one of {', '.join(EXEMPTIONS)} (Awb 4:17 lid 6)")
    last = last_day(default, dispatched_on, today)
    days = 0 if last is None else (last - default.first_day).days + 1
    amount = 0 if exemption else penalty_cents(days)
    due = None if last is None else determination_due(last)
    first = default.first_day if last is not None else None
    return Penalty(default.clock_id, today, determined_by, days, amount, first, last, due, exemption)


def penalty_key(case_id: UUID, clock_id: str) -> UUID:
    """One penalty per decision term of a case: its id follows from them."""
    return uuid5(case_id, f"penalty|{clock_id}")
