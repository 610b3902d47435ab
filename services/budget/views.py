"""Budget's answers as plain data: lines, reserve, draws and the year-end statement, all in integer cents."""

from __future__ import annotations

from typing import Any

from services.budget.domain.budget_line import BudgetLine
from services.budget.domain.reserve import ReserveDraw, ReserveFund


def line(line: BudgetLine) -> dict[str, Any]:
    return {
        "budget_line_id": str(line.id),
        "team_id": line.team_id,
        "year": line.year,
        "line": line.line,
        "allocated_cents": line.allocated_cents,
        "reserve_draws_cents": line.drawn_cents,
        "reserved_cents": line.reserved_cents,
        "spent_cents": line.spent_cents,
        "released_cents": line.released_cents,
        "carried_in_cents": line.carried_in_cents,
        "carried_over_cents": line.carried_over_cents,
        "remaining_cents": line.remaining_cents,
        "reservations": len(line.reservations),
        "closed_on": line.closed_on.isoformat() if line.closed_on else None,
    }


def statement(year: int, team_id: str, lines: list[BudgetLine]) -> dict[str, Any]:
    """The year-end statement (jaarverantwoording) of one team: per line, and whether each balances to the cent.

    allocated + reserve draws + carried in = spent + reserved (still open) + carried over + released or unused
    """
    rows: list[dict[str, Any]] = []
    for each in lines:
        figures = each.figures()
        inflow = figures["allocated_cents"] + figures["reserve_draws_cents"] + figures["carried_in_cents"]
        outflow = sum(figures[k] for k in ("spent_cents", "reserved_open_cents", "carried_over_cents"))
        outflow += figures["released_or_unused_cents"]
        rows.append({"line": each.line, **figures, "balanced": inflow == outflow})
    totals = {key: sum(row[key] for row in rows) for key in rows[0] if key.endswith("_cents")}
    return {
        "team_id": team_id,
        "year": year,
        "closed_on": max(str(each.closed_on) for each in lines),
        "lines": rows,
        "totals": totals,
        "balanced": all(row["balanced"] for row in rows),
    }


def draw(draw: ReserveDraw) -> dict[str, Any]:
    return {
        "draw_id": str(draw.id),
        "team_id": draw.team_id,
        "year": draw.year,
        "budget_line": draw.budget_line,
        "amount_cents": draw.amount_cents,
        "reason": draw.reason,
        "requested_by": draw.requested_by,
        "requested_on": draw.requested_on.isoformat(),
        "status": draw.status,
        "approved_by": draw.approved_by,
        "approved_on": draw.approved_on.isoformat() if draw.approved_on else None,
    }


def reserve(fund: ReserveFund) -> dict[str, Any]:
    return {
        "year": fund.year,
        "allocated_cents": fund.allocated_cents,
        "drawn_cents": fund.drawn_cents,
        "remaining_cents": fund.remaining_cents,
    }
