"""Lead times against the statutory terms (doorlooptijden): every term that started in the period, with when it
stopped and whether that was in time, as its publisher judged (intake's clocks: Wmo 2015 art. 2.3.2, art. 2.3.5,
Awb 4:13; debt's first conversation under the Wgs). Terms are selected by their start; their stop on any day.

A decision term moves (issue 17): its last day is the latest one a resumption (Awb 4:15) or an extension (Awb 4:14)
named, for a term still running too; a term suspended and not resumed stands still (it cannot be missed). A term's
last day only ever moves later, so the latest is the greatest; it stands still while it has had more suspensions
than resumptions."""

from __future__ import annotations

from contracts.events.debt import DebtIntakeHeld, DebtReferralReceived, DebtTermMissed
from contracts.events.intake import StatutoryClockStarted, StatutoryClockStopped, StatutoryTermMissed
from contracts.events.intake_terms import StatutoryClockExtended, StatutoryClockResumed, StatutoryClockSuspended
from services.reporting.queries import FACTS, FACTS_ALL_DAYS, t

TERMS = f"""
WITH clocks AS (
    SELECT team_id, data->>'clock' AS clock, data->>'case_id' AS subject_id, data->>'clock_id' AS clock_id,
           (data->>'started_on')::date AS started_on, (data->>'due_on')::date AS due_on,
           data->>'legal_basis' AS legal_basis
    FROM {FACTS} WHERE type = {t(StatutoryClockStarted)}
), stops AS (
    SELECT DISTINCT ON (data->>'case_id', data->>'clock_id')
           data->>'case_id' AS subject_id, data->>'clock_id' AS clock_id,
           (data->>'stopped_on')::date AS stopped_on, (data->>'in_time')::boolean AS in_time
    FROM {FACTS_ALL_DAYS} WHERE type = {t(StatutoryClockStopped)}
    ORDER BY data->>'case_id', data->>'clock_id', occurred_at
), missed AS (
    SELECT DISTINCT data->>'case_id' AS subject_id, data->>'clock_id' AS clock_id
    FROM {FACTS_ALL_DAYS} WHERE type = {t(StatutoryTermMissed)}
), moved AS (
    SELECT data->>'case_id' AS subject_id, data->>'clock_id' AS clock_id,
           max((data->>'due_on')::date) FILTER (WHERE type <> {t(StatutoryClockSuspended)}) AS due_on,
           count(*) FILTER (WHERE type = {t(StatutoryClockSuspended)})
             > count(*) FILTER (WHERE type = {t(StatutoryClockResumed)}) AS suspended
    FROM {FACTS_ALL_DAYS}
    WHERE type IN ({t(StatutoryClockSuspended)}, {t(StatutoryClockResumed)}, {t(StatutoryClockExtended)})
    GROUP BY 1, 2
), referrals AS (
    SELECT team_id, 'debt_first_conversation' AS clock, data->>'trajectory_id' AS subject_id,
           'first_conversation' AS clock_id, (data->>'received_on')::date AS started_on,
           (data->>'first_conversation_due')::date AS due_on,
           CASE WHEN COALESCE((data->>'threatening')::boolean, false)
                THEN 'Wgs: eerste gesprek binnen 3 werkdagen (bedreigende situatie)'
                ELSE 'Wgs: eerste gesprek binnen 4 weken' END AS legal_basis
    FROM {FACTS} WHERE type = {t(DebtReferralReceived)}
), intakes AS (
    SELECT DISTINCT ON (data->>'trajectory_id') data->>'trajectory_id' AS subject_id,
           'first_conversation' AS clock_id, (data->>'held_on')::date AS stopped_on,
           (data->>'within_term')::boolean AS in_time
    FROM {FACTS_ALL_DAYS} WHERE type = {t(DebtIntakeHeld)}
    ORDER BY data->>'trajectory_id', occurred_at
), debt_missed AS (
    SELECT DISTINCT data->>'trajectory_id' AS subject_id, 'first_conversation' AS clock_id
    FROM {FACTS_ALL_DAYS} WHERE type = {t(DebtTermMissed)}
)
SELECT c.team_id, c.clock, c.subject_id, c.clock_id, c.started_on, COALESCE(mv.due_on, c.due_on) AS due_on,
       c.legal_basis, s.stopped_on, s.in_time, m.subject_id IS NOT NULL AS missed_recorded,
       COALESCE(mv.suspended, false) AS suspended
FROM clocks c
LEFT JOIN stops s USING (subject_id, clock_id) LEFT JOIN missed m USING (subject_id, clock_id)
LEFT JOIN moved mv USING (subject_id, clock_id)
UNION ALL
SELECT r.*, i.stopped_on, i.in_time, d.subject_id IS NOT NULL AS missed_recorded, false AS suspended
FROM referrals r
LEFT JOIN intakes i USING (subject_id, clock_id) LEFT JOIN debt_missed d USING (subject_id, clock_id)
ORDER BY clock, started_on, subject_id, clock_id
"""
