"""Decisions' SQL: by provision, by mandate (the register row, Awb 10:1: a mandate level, never a person),
escalations, and deviations (afwijkingen) counted per rule they depart from. No free text and no professional's
name reaches a report (issue 18): the justification is sealed in the fact, and the report counts."""

from __future__ import annotations

from contracts.events.planning import DecisionEscalated, DecisionTaken, DeviationRecorded
from services.reporting.queries import FACTS, FACTS_ALL_DAYS, t

AMOUNT = "COALESCE(sum((data->>'amount_cents')::numeric), 0)"
ESCALATED = "count(*) FILTER (WHERE COALESCE((data->>'escalated')::boolean, false))"

BY_PROVISION = f"""
SELECT data->>'provision_code' AS provision_code, data->>'budget_line' AS budget_line,
       count(*) AS decisions, {AMOUNT} AS amount_cents, {ESCALATED} AS escalated
FROM {FACTS} WHERE type = {t(DecisionTaken)}
GROUP BY 1, 2 ORDER BY 1, 2
"""

BY_MANDATE = f"""
SELECT team_id, COALESCE(data->>'mandate_ref', '') AS mandate_ref,
       count(*) AS decisions, count(DISTINCT data->>'decided_by') AS deciders, {AMOUNT} AS amount_cents,
       {ESCALATED} AS escalated
FROM {FACTS} WHERE type = {t(DecisionTaken)}
GROUP BY 1, 2 ORDER BY 1, 2
"""

ESCALATIONS = f"""
WITH escalated AS (
    SELECT DISTINCT data->>'decision_id' AS decision_id FROM {FACTS} WHERE type = {t(DecisionEscalated)}
), taken AS (
    SELECT DISTINCT data->>'decision_id' AS decision_id FROM {FACTS_ALL_DAYS} WHERE type = {t(DecisionTaken)}
)
SELECT count(*) AS escalated, count(taken.decision_id) AS approved
FROM escalated LEFT JOIN taken USING (decision_id)
"""

DEVIATIONS = f"""
SELECT team_id, data->>'provision_code' AS provision_code, data->>'rule_ref' AS rule_ref,
       data->>'rule_limit' AS rule_limit, (data->>'rule_value')::numeric AS rule_value, count(*) AS deviations,
       count(*) FILTER (WHERE data->>'proposed_by' IS NOT NULL) AS approved_on_escalation,
       max(abs((data->>'actual_value')::numeric - (data->>'rule_value')::numeric)) AS largest_departure
FROM {FACTS} WHERE type = {t(DeviationRecorded)}
GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
"""
