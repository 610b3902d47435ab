"""Moving a decision term: suspension (opschorting, Awb 4:15) and extension (verdaging, Awb 4:14). Pure rules.

Only a decision term (beslistermijn on an aanvraag) moves: Awb chapter 4 does not apply to the melding phase, so
the personal-plan and investigation terms do not (LAW.md §1.1, stimulansz.nl).
- Awb 4:15 lid 1 onder a: after the college invited the applicant to complete the application (Awb 4:5), the term
  is suspended from the day after the invitation until ("tot", exclusive) the day it was completed.
- Awb 4:15 lid 2: also suspended for as long as (a) the applicant consented in writing, (b) a delay is due to the
  applicant, or (c) force majeure keeps the college from deciding.
  A suspension adds its days to the term's last day; the Algemene termijnenwet then extends a last day that falls
  on a Saturday, Sunday or general holiday. While suspended, a term cannot be missed.
- Awb 4:14: a college that cannot decide in time says so before the term ends, with the reason and a new term
  (lid 1 for a statutory term; lid 3 for the reasonable term of 4:13). The day it names is the new last day.
The article texts of 4:14 and 4:15 are the Awb's own (https://wetten.overheid.nl/BWBR0005537/); LAW.md §1.2 cites
4:14 lid 3 for the notice.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from kernel.errors import Refused
from kernel.termijnen import next_working_day_from
from services.intake.domain.clocks import Clock, ClockConflict

SUSPENSION_REASONS = {
    "incomplete_application": "Awb 4:15 lid 1 onder a: de aanvrager is uitgenodigd de aanvraag aan te vullen",
    "applicant_consent": "Awb 4:15 lid 2 onder a: de aanvrager heeft schriftelijk ingestemd",
    "applicant_delay": "Awb 4:15 lid 2 onder b: vertraging die aan de aanvrager is toe te rekenen",
    "force_majeure": "Awb 4:15 lid 2 onder c: overmacht",
}
EXTENSION_REASONS = {
    "further_investigation": "Awb 4:14: nader onderzoek is nodig voor een zorgvuldige beslissing",
    "advice_required": "Awb 4:14: advies van een deskundige of derde is nodig",
    "complexity": "Awb 4:14: de aanvraag is te ingewikkeld om binnen de termijn te beslissen",
}


class TermNotMovable(ClockConflict):
    """Only a running decision term moves, with a known reason, before it has passed."""


def check_movable(clock: Clock, reasons: dict[str, str], reason_code: str) -> None:
    if clock.clock != "decision":
        raise TermNotMovable(
            f"the {clock.clock} term cannot be suspended or extended: Awb chapter 4 applies to the decision on an "
            "aanvraag, not to the melding phase (Wmo 2015 art. 2.3.2)"
        )
    if clock.stopped_on is not None:
        raise TermNotMovable(f"clock {clock.clock_id} stopped on {clock.stopped_on.isoformat()}")
    if reason_code not in reasons:
        raise Refused(f"reason {reason_code!r} is not one of {', '.join(reasons)}")


def suspended(clock: Clock, reason_code: str, event_on: date) -> Clock:
    """The clock suspended from the first day of the suspension (the day after an invitation to complete)."""
    check_movable(clock, SUSPENSION_REASONS, reason_code)
    if clock.suspended:
        raise TermNotMovable(f"clock {clock.clock_id} is already suspended since {clock.suspended_from}")
    if event_on > clock.due_on:
        raise TermNotMovable(f"the term of {clock.clock_id} already passed on {clock.due_on.isoformat()}")
    first_day = event_on + timedelta(days=1) if reason_code == "incomplete_application" else event_on
    return replace(clock, suspended_from=first_day)


def resumed(clock: Clock, resumed_on: date) -> tuple[Clock, int]:
    """The clock running again from `resumed_on`; its last day moved by the days it was suspended."""
    if clock.suspended_from is None:
        raise TermNotMovable(f"clock {clock.clock_id} is not suspended")
    if resumed_on < clock.suspended_from - timedelta(days=1):
        raise Refused(f"{resumed_on.isoformat()} lies before the suspension of {clock.clock_id}")
    days = max(0, (resumed_on - clock.suspended_from).days)
    nominal = (clock.nominal_due or clock.due_on) + timedelta(days=days)
    due = next_working_day_from(nominal)
    return replace(clock, suspended_from=None, nominal_due=nominal, due_on=due), days


def extended(clock: Clock, new_due: date, reason_code: str, notified_on: date) -> Clock:
    """The clock with the later last day the college named, told before the term passed (Awb 4:14)."""
    check_movable(clock, EXTENSION_REASONS, reason_code)
    if clock.suspended:
        raise TermNotMovable(f"clock {clock.clock_id} is suspended: resume it before naming a new term")
    if notified_on > clock.due_on:
        raise TermNotMovable(
            f"the term of {clock.clock_id} passed on {clock.due_on.isoformat()}: an extension is told before it "
            "ends (Awb 4:14)"
        )
    if new_due <= clock.due_on:
        raise Refused(f"the new term {new_due.isoformat()} must end after {clock.due_on.isoformat()}")
    return replace(clock, due_on=new_due, nominal_due=new_due)
