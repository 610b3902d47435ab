"""Which trajectories missed their first-conversation term on a given day: a pure function over trajectories."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from services.debt.domain.trajectory import DebtTrajectory


def overdue(trajectories: Iterable[DebtTrajectory], today: date) -> list[UUID]:
    """Ids of the trajectories whose first conversation is overdue on `today` and not yet recorded as missed."""
    return [t.id for t in trajectories if t.first_conversation_overdue(today)]


TERM_EVENTS = (
    DebtTrajectory.ReferralReceived,
    DebtTrajectory.IntakeHeld,  # type: ignore[attr-defined]
    DebtTrajectory.AdmissionDecided,  # type: ignore[attr-defined]
    DebtTrajectory.Stabilised,  # type: ignore[attr-defined]
    DebtTrajectory.ArrangementReached,  # type: ignore[attr-defined]
    DebtTrajectory.Closed,  # type: ignore[attr-defined]
    DebtTrajectory.TermMissed,  # type: ignore[attr-defined]
)
"""The events that start or end the first conversation's term (Wgs, `services/debt/terms.py`)."""
RUNNING, ENDED = "running", "ended"


def term_state(event: object) -> str:
    """Whether the first conversation's term still runs after `event`: only a referral starts it; the intake held,
    any later step, the close or the term recorded as missed ends it."""
    return RUNNING if isinstance(event, DebtTrajectory.ReferralReceived) else ENDED
