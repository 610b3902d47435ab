"""Planning's read model: every plan as the API shows it (`views.plan_view`), one row per plan, written in the same
transaction as the plan's events (`ServiceApplication.read_model_writes`). The view holds the plan's free text
(goals, reasons, remarks), so it is stored sealed whole with the household's text key (ADR 0006): after the
household's erasure it no longer opens, and the query answers from the write side, which shows `[gewist]`.

`GET /plans?household_id=` and `GET /plans/{id}`, which the driver and the screens poll, read this table instead of
replaying the household's index and each plan from the write side (issue 14). A query therefore sees exactly what
the last commit wrote. The table is a projection: on start, every plan without a row (one recorded before the
table existed, or after it was dropped to be rebuilt) gets its row from the write side.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from fastapi.encoders import jsonable_encoder

from contracts.sealed import SealedText
from services.planning.domain.plan import Plan
from services.planning.views import plan_view
from wijk.household_keys import ERASED_TEXT, TextErased, TextKeys, readable, seal

TABLE = "planning.plan_view"
SEALED, ERASED = "sealed", "erased"
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    plan_id      uuid        PRIMARY KEY,
    household_id uuid        NOT NULL,
    drafted_at   timestamptz NOT NULL,
    version      int         NOT NULL,
    view         jsonb       NOT NULL
);
ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS team_id text;
CREATE INDEX IF NOT EXISTS plan_view_household ON {TABLE} (household_id, drafted_at, plan_id);
"""
UPSERT = f"""
INSERT INTO {TABLE} (plan_id, household_id, drafted_at, version, view, team_id)
VALUES (%s, %s, %s, %s, %s::jsonb, %s)
ON CONFLICT (plan_id) DO UPDATE SET version = EXCLUDED.version, view = EXCLUDED.view, team_id = EXCLUDED.team_id
WHERE {TABLE}.version < EXCLUDED.version
"""
AS_TEXT = f"""
SELECT plan_id, household_id, team_id, view ->> '{SEALED}' AS sealed, view ? '{ERASED}' AS erased,
       CASE WHEN view ? '{SEALED}' OR view ? '{ERASED}' THEN NULL ELSE view::text END AS plain
FROM {TABLE}"""
"""The stored view as text, not parsed: the sealed text, whether it is erased, or the plain JSON."""
OF_HOUSEHOLD_AS_TEXT = f"{AS_TEXT} WHERE household_id = %s ORDER BY drafted_at, plan_id"
"""A household's plans in the order they were drafted (the household index's order)."""
ONE_AS_TEXT = f"{AS_TEXT} WHERE plan_id = %s"
OF_HOUSEHOLD_AS_TEXT_ASYNC = f"{AS_TEXT} WHERE household_id = $1 ORDER BY drafted_at, plan_id"
"""The same for asyncpg, whose placeholders are numbered."""
SCOPE = f"SELECT household_id, team_id FROM {TABLE} WHERE plan_id = %s AND team_id IS NOT NULL"
"""A plan's household and team, which decide who may see and change it."""


def writes(aggregates: Iterable[Any], keys: TextKeys | None) -> list[tuple[str, tuple[Any, ...]]]:
    """The upsert of every plan among the aggregates being saved."""
    return [upsert(aggregate, keys) for aggregate in aggregates if isinstance(aggregate, Plan)]


def view_text(plan: Plan) -> str:
    """The plan's view as the JSON text the API answers."""
    return json.dumps(plan_view(plan), default=jsonable_encoder)  # the view is plain JSON data: no walk over it


def upsert(plan: Plan, keys: TextKeys | None) -> tuple[str, tuple[Any, ...]]:
    view = view_text(plan)
    if keys is not None:
        try:
            view = json.dumps({SEALED: seal(keys, plan.household_id, view).sealed})
        except TextErased:
            view = json.dumps({ERASED: True})
    return UPSERT, (plan.id, plan.household_id, plan.created_on, plan.version, view, plan.team_id)


def opened_text(row: dict[str, Any], keys: TextKeys | None) -> str | None:
    """A stored view (a row of `AS_TEXT`) as the JSON text the API answers, without parsing it; None when it no
    longer opens (the household was erased)."""
    if row["erased"]:
        return None
    if row["sealed"] is None:
        return row["plain"]  # type: ignore[no-any-return]
    if keys is None:
        raise TypeError("planning reads a sealed plan view without text keys")
    text = readable(keys, row["household_id"], SealedText(sealed=row["sealed"]))
    return None if text == ERASED_TEXT else text


def opens_in_memory(row: dict[str, Any] | Any, keys: TextKeys | None) -> bool:
    """Whether a stored view (a row of `AS_TEXT`) opens without reading PostgreSQL: plain, or sealed with a
    household key the process holds in memory (`KeyCache`); not an erased one, which the write side answers."""
    if row["erased"]:
        return False
    if row["sealed"] is None:
        return True
    cache = getattr(keys, "cache", None)
    if cache is None:
        return False
    try:
        return cache.get(row["household_id"])[0] is not None
    except TextErased:
        return False


def missing(events_table: str) -> str:
    """The ids of the plans drafted in the event store that have no row yet."""
    return f"""
    SELECT e.originator_id FROM {events_table} e
    WHERE e.originator_version = 1 AND e.topic = %s
      AND NOT EXISTS (SELECT 1 FROM {TABLE} v WHERE v.plan_id = e.originator_id)
    """


def plan_ids(rows: Iterable[dict[str, Any]]) -> list[UUID]:
    return [row["originator_id"] for row in rows]
