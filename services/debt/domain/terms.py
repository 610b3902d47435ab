"""Which trajectories missed their first-conversation term on a given day: a pure function over trajectories."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from services.debt.domain.trajectory import DebtTrajectory


def overdue(trajectories: Iterable[DebtTrajectory], today: date) -> list[UUID]:
    """Ids of the trajectories whose first conversation is overdue on `today` and not yet recorded as missed."""
    return [t.id for t in trajectories if t.first_conversation_overdue(today)]
