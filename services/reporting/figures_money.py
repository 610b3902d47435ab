"""Pure arithmetic of the money and decision sections: query rows (mappings) in, section models out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from services.reporting.report import budget_line, total_lines
from services.reporting.sections import (
    BudgetSection,
    DecisionSection,
    Deviation,
    MandateDecisions,
    MonthFigures,
    ProvisionDecisions,
    TeamBudgetLine,
)

Row = Mapping[str, Any]


def budget_section(lines: Iterable[Row], months: Iterable[Row], districts: Mapping[str, list[str]]) -> BudgetSection:
    """Lines per team with the districts it serves; totals per year and line; the months with a running total."""
    team_lines = [
        TeamBudgetLine(team_id=row["team_id"], districts=districts.get(row["team_id"], []), **_line(row))
        for row in lines
    ]
    return BudgetSection(lines=team_lines, totals=total_lines(team_lines), months=month_figures(months))


def _line(row: Row) -> dict[str, Any]:
    return budget_line(row).model_dump()


def month_figures(rows: Iterable[Row]) -> list[MonthFigures]:
    """Spent and reserved per year and month, with the spending accumulated within each year."""
    result, running, year = [], 0, None
    for row in sorted(rows, key=lambda r: (r["year"], r["month"])):
        if row["year"] != year:
            running, year = 0, row["year"]
        running += row["spent_cents"]
        result.append(
            MonthFigures(
                year=row["year"],
                month=row["month"],
                spent_cents=row["spent_cents"],
                reserved_cents=row["reserved_cents"],
                cumulative_spent_cents=running,
            )
        )
    return result


def decision_section(
    by_provision: Iterable[Row], by_mandate: Iterable[Row], escalations: Row, deviations: Iterable[Row]
) -> DecisionSection:
    provisions = [ProvisionDecisions(**dict(row)) for row in by_provision]
    return DecisionSection(
        decisions=sum(p.decisions for p in provisions),
        escalated=escalations["escalated"],
        escalations_approved=escalations["approved"],
        by_provision=provisions,
        by_mandate=[MandateDecisions(**dict(row)) for row in by_mandate],
        deviations=[Deviation(**dict(row)) for row in deviations],
    )


def share(part: int, whole: int) -> float | None:
    """part / whole rounded to four decimals; None when there is no whole."""
    return round(part / whole, 4) if whole else None
