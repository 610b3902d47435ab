"""What a report is asked for: as of which moment, for which team and district, over which period.

Every report takes the same filter. `as_of` keeps only facts that had occurred by then (the same reports for a
past moment); the period selects on each fact's own business day (decided_on, paid_on, received_on, ...);
budgets are selected by their budget year instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kernel.clock import MUNICIPAL_TZ, today
from kernel.errors import Refused


class InvalidFilter(Refused):
    """A report asked for something no report can be: a period that ends before it starts, a year and a period."""


@dataclass(frozen=True)
class ReportFilter:
    as_of: datetime | None = None
    team_id: str | None = None
    district: str | None = None
    period_from: date | None = None
    period_to: date | None = None

    def __post_init__(self) -> None:
        if self.period_from and self.period_to and self.period_from > self.period_to:
            raise InvalidFilter(f"period_from {self.period_from} lies after period_to {self.period_to}")
        if self.as_of is not None and self.as_of.tzinfo is None:
            object.__setattr__(self, "as_of", self.as_of.replace(tzinfo=MUNICIPAL_TZ))

    @classmethod
    def of_year(cls, year: int, **others: Any) -> ReportFilter:
        return cls(period_from=date(year, 1, 1), period_to=date(year, 12, 31), **others)

    def args(self) -> tuple[Any, ...]:
        """The five parameters of `reporting.facts_at`, in order."""
        return (self.as_of, self.team_id, self.district, self.period_from, self.period_to)

    def unperiodised(self) -> tuple[Any, ...]:
        """The same, without the period: for what follows a fact selected by period (a clock's stop)."""
        return (self.as_of, self.team_id, self.district, None, None)

    @property
    def years(self) -> tuple[int | None, int | None]:
        return (self.period_from.year if self.period_from else None, self.period_to.year if self.period_to else None)

    @property
    def reference_day(self) -> date:
        """The day a running term is judged on: the as-of day, or today."""
        return self.as_of.astimezone(MUNICIPAL_TZ).date() if self.as_of else today()
