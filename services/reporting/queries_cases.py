"""Cases' SQL: debts found and how early after the melding, client support offered and chosen, partner signals,
providers' feedback on plans, and client satisfaction (the survey answers)."""

from __future__ import annotations

from contracts.events.care import PlanFeedbackGiven
from contracts.events.intake import (
    CaseOpened,
    ClientSupportChosen,
    ClientSupportOffered,
    DebtConcernFlagged,
    HelpOffered,
    SatisfactionRecorded,
    SignalReceived,
    SignalRejected,
    SupportRequested,
)
from services.reporting.queries import FACTS, FACTS_ALL_DAYS, t

DEBT_FOUND = f"""
WITH cases AS (
    SELECT team_id, data->>'case_id' AS case_id, data->>'request_id' AS request_id,
           (data->>'opened_on')::date AS opened_on
    FROM {FACTS} WHERE type = {t(CaseOpened)}
), meldingen AS (
    SELECT data->>'request_id' AS request_id, min((data->>'received_on')::date) AS received_on
    FROM {FACTS_ALL_DAYS} WHERE type = {t(SupportRequested)} GROUP BY 1
), flags AS (
    SELECT data->>'case_id' AS case_id, min((data->>'flagged_on')::date) AS flagged_on,
           bool_or(COALESCE((data->>'threatening')::boolean, false)) AS threatening
    FROM {FACTS_ALL_DAYS} WHERE type = {t(DebtConcernFlagged)} GROUP BY 1
)
SELECT c.team_id, c.case_id, COALESCE(m.received_on, c.opened_on) AS melding_on, f.flagged_on,
       COALESCE(f.threatening, false) AS threatening
FROM cases c LEFT JOIN meldingen m USING (request_id) LEFT JOIN flags f USING (case_id)
ORDER BY c.team_id, melding_on, c.case_id
"""

CLIENT_SUPPORT = f"""
SELECT team_id,
       count(DISTINCT data->>'case_id') FILTER (WHERE type = {t(CaseOpened)}) AS cases,
       count(DISTINCT data->>'case_id') FILTER (WHERE type = {t(ClientSupportOffered)}) AS offered,
       count(*) FILTER (WHERE type = {t(ClientSupportChosen)} AND data->>'choice' = 'volunteer') AS volunteer,
       count(*) FILTER (WHERE type = {t(ClientSupportChosen)} AND data->>'choice' = 'professional') AS professional,
       count(*) FILTER (WHERE type = {t(ClientSupportChosen)} AND data->>'choice' = 'none') AS declined
FROM {FACTS}
WHERE type IN ({t(CaseOpened)}, {t(ClientSupportOffered)}, {t(ClientSupportChosen)}) AND team_id IS NOT NULL
GROUP BY 1 ORDER BY 1
"""

SIGNALS = f"""
SELECT data->>'partner_id' AS partner_id, COALESCE(district, '') AS district, data->>'kind' AS kind,
       count(*) AS received, count(*) FILTER (WHERE (data->>'new_household')::boolean) AS new_households
FROM {FACTS} WHERE type = {t(SignalReceived)}
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
"""

HELP_OFFERED = f"""
SELECT data->>'partner_id' AS partner_id, count(*) AS offers FROM {FACTS} WHERE type = {t(HelpOffered)}
GROUP BY 1 ORDER BY 1
"""

SIGNALS_REJECTED = f"""
SELECT data->>'signal_topic' AS signal_topic, count(*) AS rejected FROM {FACTS} WHERE type = {t(SignalRejected)}
GROUP BY 1 ORDER BY 1
"""

FEEDBACK = f"""
SELECT COALESCE(team_id, '') AS team_id, data->>'provider_id' AS provider_id, count(*) AS feedback,
       count(*) FILTER (WHERE (data->>'plan_fits')::boolean) AS plan_fits
FROM {FACTS} WHERE type = {t(PlanFeedbackGiven)}
GROUP BY 1, 2 ORDER BY 1, 2
"""

SATISFACTION = f"""
SELECT team_id, (data->>'score')::int AS score, count(*) AS answers
FROM {FACTS} WHERE type = {t(SatisfactionRecorded)}
GROUP BY 1, 2 ORDER BY 1, 2
"""
