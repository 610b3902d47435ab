"""The college in default on a decision term, as rules the case applies: the resident's notice of default
(ingebrekestelling) and the college's determination of the penalty (Awb 4:17, 4:18; arithmetic in `penalty`)."""

from __future__ import annotations

from datetime import date

from kernel.errors import Refused
from services.intake.domain.clocks import Clock, ClockConflict
from services.intake.domain.penalty import Default, Penalty, accrual_ended, default_of, determine, euros


class NoticeRefused(ClockConflict):
    """A notice of default on no decision term, on one already decided, twice, or before the term passed."""


class PenaltyRefused(ClockConflict):
    """A penalty determined without a notice of default, twice, or while it still accrues."""


def check_notice(clocks: dict[str, Clock], defaults: dict[str, Default], clock_id: str, received_on: date) -> Default:
    clock = clocks.get(clock_id)
    if clock is None or clock.clock != "decision":
        raise NoticeRefused(
            f"no decision term {clock_id} runs for this case: a notice of default concerns the term for a "
            "beschikking op aanvraag (Awb 4:17 lid 1)"
        )
    if clock.stopped_on is not None:
        raise NoticeRefused(f"the beschikking was sent on {clock.stopped_on}: the college is not in default")
    if clock_id in defaults:
        raise NoticeRefused(f"a notice of default on {clock_id} was received on {defaults[clock_id].received_on}")
    if clock.suspended:
        raise NoticeRefused(f"the decision term is suspended since {clock.suspended_from} (Awb 4:15): not passed")
    return default_of(clock_id, clock.due_on, received_on)


def check_penalty(
    clocks: dict[str, Clock],
    defaults: dict[str, Default],
    penalties: dict[str, Penalty],
    clock_id: str,
    today: date,
    determined_by: str,
    exemption: str,
) -> Penalty:
    if not determined_by.strip():
        raise Refused("determined_by names the mandate holder who determines the penalty")
    default = defaults.get(clock_id)
    if default is None:
        raise PenaltyRefused(
            f"no notice of default was received on {clock_id}: no penalty is due (Awb 4:17 lid 3 requires a written "
            "ingebrekestelling after the decision term passed)"
        )
    if clock_id in penalties:
        done = penalties[clock_id]
        raise PenaltyRefused(
            f"the penalty on {clock_id} was already determined on {done.determined_on.isoformat()}: "
            f"{euros(done.amount_cents)} for {done.days} days"
        )
    dispatched_on = clocks[clock_id].stopped_on
    if not accrual_ended(default, dispatched_on, today):
        raise PenaltyRefused(
            f"the penalty on {clock_id} still accrues: no beschikking was sent and its 42nd day is "
            f"{default.cap_day.isoformat()} (Awb 4:17 lid 1); determine it once the decision is sent or after that day"
        )
    return determine(default, dispatched_on, today, determined_by, exemption)
