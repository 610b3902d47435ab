"""The law cycle's SQL (issue 17): refusals per team, provision and ground; bezwaren per team, provision, kind
of contested beschikking and outcome; notices of default and penalties per team. Each binds a ReportFilter's
five `args()` as $1..$5; a bezwaar is selected by the day it was lodged, its decision on any day.

Phase 1 of issue 17 adds these queries and their arithmetic (`figures_cycle`); the report routes and the tests on
the real PostgreSQL come with phase 2.
"""

from __future__ import annotations

from contracts.events.backoffice import ObjectionDecided, ObjectionLodged
from contracts.events.intake_terms import NoticeOfDefaultReceived, PenaltyDetermined
from contracts.events.planning_cycle import DecisionRefused
from services.reporting.queries import FACTS, FACTS_ALL_DAYS, t

REFUSALS = f"""
SELECT team_id, data->>'provision_code' AS provision_code, data->>'legal_ground' AS legal_ground,
       count(DISTINCT data->>'decision_id') AS refusals
FROM {FACTS} WHERE type = {t(DecisionRefused)}
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
"""

OBJECTIONS = f"""
WITH lodged AS (
    SELECT DISTINCT ON (data->>'objection_id') data->>'objection_id' AS objection_id,
           COALESCE(data->>'team_id', team_id) AS team_id, COALESCE(data->>'provision_code', '') AS provision_code,
           COALESCE(data->>'contested_kind', 'award') AS contested_kind
    FROM {FACTS} WHERE type = {t(ObjectionLodged)}
    ORDER BY data->>'objection_id', occurred_at
), decided AS (
    SELECT DISTINCT ON (data->>'objection_id') data->>'objection_id' AS objection_id,
           data->>'outcome' AS outcome, (data->>'in_time')::boolean AS in_time
    FROM {FACTS_ALL_DAYS} WHERE type = {t(ObjectionDecided)}
    ORDER BY data->>'objection_id', occurred_at
)
SELECT l.team_id, l.provision_code, l.contested_kind, COALESCE(d.outcome, 'open') AS outcome,
       count(*) AS objections, count(*) FILTER (WHERE COALESCE(d.in_time, false)) AS decided_in_time
FROM lodged l LEFT JOIN decided d USING (objection_id)
GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
"""

PENALTIES = f"""
WITH notices AS (
    SELECT team_id, count(*) AS notices FROM {FACTS} WHERE type = {t(NoticeOfDefaultReceived)} GROUP BY team_id
), penalties AS (
    SELECT team_id, count(*) AS penalties, COALESCE(sum((data->>'days')::int), 0) AS days,
           COALESCE(sum((data->>'amount_cents')::bigint), 0) AS amount_cents,
           count(*) FILTER (WHERE NOT (data->>'in_time')::boolean) AS determined_late
    FROM {FACTS} WHERE type = {t(PenaltyDetermined)} GROUP BY team_id
)
SELECT team_id, COALESCE(n.notices, 0) AS notices, COALESCE(p.penalties, 0) AS penalties,
       COALESCE(p.days, 0) AS days, COALESCE(p.amount_cents, 0) AS amount_cents,
       COALESCE(p.determined_late, 0) AS determined_late
FROM notices n FULL JOIN penalties p USING (team_id)
ORDER BY team_id
"""
