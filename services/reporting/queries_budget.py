"""The budget's SQL: per team, year and line allocated, drawn from the reserve, reserved, spent and released;
and the money spent and reserved per month, for the chart of spending against budget over the year.

Budget facts are selected by their budget year (the period's years), not by their day: an allocation made in
December for next year belongs to next year. Bind (as_of, team, NULL, first year, last year): budgets
belong to teams, not districts; a district filter is applied as the team that serves it.
"""

from __future__ import annotations

from contracts.events.budget import (
    BudgetAllocated,
    FundsReleased,
    FundsReserved,
    FundsSpent,
    ReservationCarriedIn,
    ReservationCarriedOver,
    ReserveDrawApproved,
    YearClosed,
)
from services.reporting.queries import t

BUDGET_FACTS = "reporting.facts_at($1::timestamptz, $2::text, $3::text, NULL, NULL)"
AMOUNT = "(data->>'amount_cents')::numeric"
IN_YEARS = (
    "($4::int IS NULL OR (data->>'year')::int >= $4::int) AND ($5::int IS NULL OR (data->>'year')::int <= $5::int)"
)

BUDGET_LINES = f"""
SELECT team_id, (data->>'year')::int AS year, data->>'budget_line' AS budget_line,
       COALESCE(sum({AMOUNT}) FILTER (WHERE type = {t(BudgetAllocated)}), 0) AS allocated_cents,
       COALESCE(sum({AMOUNT}) FILTER (WHERE type = {t(ReserveDrawApproved)}), 0) AS reserve_draws_cents,
       COALESCE(sum({AMOUNT}) FILTER (WHERE type = {t(FundsReserved)}), 0) AS reserved_cents,
       COALESCE(sum({AMOUNT}) FILTER (WHERE type = {t(FundsSpent)}), 0) AS spent_cents,
       COALESCE(sum((data->>'from_reservation_cents')::numeric) FILTER (WHERE type = {t(FundsSpent)}), 0)
           AS spent_from_reservations_cents,
       COALESCE(sum({AMOUNT}) FILTER (WHERE type = {t(FundsReleased)}), 0) AS released_cents,
       COALESCE(sum({AMOUNT}) FILTER (WHERE type = {t(ReservationCarriedIn)}), 0) AS carried_in_cents,
       COALESCE(sum({AMOUNT}) FILTER (WHERE type = {t(ReservationCarriedOver)}), 0) AS carried_over_cents,
       max((data->>'closed_on')::date) FILTER (WHERE type = {t(YearClosed)}) AS closed_on
FROM {BUDGET_FACTS}
WHERE type IN ({t(BudgetAllocated)}, {t(ReserveDrawApproved)}, {t(FundsReserved)}, {t(FundsSpent)},
               {t(FundsReleased)}, {t(YearClosed)}, {t(ReservationCarriedIn)}, {t(ReservationCarriedOver)})
  AND {IN_YEARS}
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
"""

MONTHLY = f"""
SELECT (data->>'year')::int AS year, extract(month FROM day)::int AS month,
       COALESCE(sum({AMOUNT}) FILTER (WHERE type = {t(FundsSpent)}), 0) AS spent_cents,
       COALESCE(sum({AMOUNT}) FILTER (WHERE type = {t(FundsReserved)}), 0) AS reserved_cents
FROM {BUDGET_FACTS}
WHERE type IN ({t(FundsSpent)}, {t(FundsReserved)}) AND {IN_YEARS}
GROUP BY 1, 2
ORDER BY 1, 2
"""
