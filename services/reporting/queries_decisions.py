"""Decisions' SQL: by provision, by who decided under which mandate (Awb 10:1), escalations, and every deviation
(afwijking) with the rule it departs from and its written justification."""

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

BY_DECIDER = f"""
SELECT team_id, data->>'decided_by' AS decided_by, COALESCE(data->>'mandate_ref', '') AS mandate_ref,
       count(*) AS decisions, {AMOUNT} AS amount_cents, {ESCALATED} AS escalated
FROM {FACTS} WHERE type = {t(DecisionTaken)}
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
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
SELECT team_id, district, day, data->>'decision_id' AS decision_id, data->>'provision_code' AS provision_code,
       data->>'rule_ref' AS rule_ref, data->>'rule_limit' AS rule_limit, (data->>'rule_value')::bigint AS rule_value,
       (data->>'actual_value')::bigint AS actual_value, data->>'justification' AS justification,
       data->>'decided_by' AS decided_by, data->>'proposed_by' AS proposed_by
FROM {FACTS} WHERE type = {t(DeviationRecorded)}
ORDER BY day, event_id
"""
