-- Reporting's read models. Idempotent: run on every start. A rebuild empties `reporting.fact` and replays the topics.

-- Not CREATE SCHEMA IF NOT EXISTS: that needs the CREATE privilege on the database, which reporting's own role lacks.
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'reporting') THEN CREATE SCHEMA reporting; END IF; END $$;

-- The inbox and the record at once: every fact of every topic, stored once under its CloudEvents id.
CREATE TABLE IF NOT EXISTS reporting.fact (
    event_id     text PRIMARY KEY,
    type         text        NOT NULL,
    source       text        NOT NULL,
    subject      text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    topic        text        NOT NULL,
    partition    int         NOT NULL,
    kafka_offset bigint      NOT NULL,
    data         jsonb       NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
-- The fact's own business day (decided_on, received_on, paid_on, ...): what a period filter selects on.
ALTER TABLE reporting.fact ADD COLUMN IF NOT EXISTS fact_date date;

CREATE INDEX IF NOT EXISTS fact_type_occurred_at ON reporting.fact (type, occurred_at);
CREATE INDEX IF NOT EXISTS fact_subject ON reporting.fact (subject);

-- Superseded: a household's team and district now come from its CaseOpened facts as of the asked moment.
DROP TABLE IF EXISTS reporting.household_team;

-- Every fact known at `p_as_of` (NULL: all), attributed to a team (its own `team_id`, or else the team of the
-- household's latest case opened by then) and a district (that case's), filtered by team, district and by the
-- fact's business day. Attribution happens at read time, so the order in which topics arrived does not matter.
CREATE OR REPLACE FUNCTION reporting.facts_at(p_as_of timestamptz, p_team text, p_district text, p_from date, p_to date)
RETURNS TABLE (
    event_id text, type text, subject text, team_id text, district text, day date, occurred_at timestamptz,
    data jsonb
)
LANGUAGE sql STABLE AS $$
    WITH known AS (
        SELECT f.* FROM reporting.fact f WHERE p_as_of IS NULL OR f.occurred_at <= p_as_of
    ), households AS (
        SELECT DISTINCT ON (k.subject) k.subject, k.data->>'team_id' AS team_id, k.data->>'district' AS district
        FROM known k
        WHERE k.type = 'nl.wijkteam.intake.case-opened.v1'
        ORDER BY k.subject, k.occurred_at DESC, k.event_id
    ), attributed AS (
        SELECT k.event_id, k.type, k.subject,
               COALESCE(k.data->>'team_id', h.team_id) AS team_id,
               h.district,
               COALESCE(k.fact_date, (k.occurred_at AT TIME ZONE 'Europe/Amsterdam')::date) AS day,
               k.occurred_at, k.data
        FROM known k LEFT JOIN households h ON h.subject = k.subject
    )
    SELECT a.* FROM attributed a
    WHERE (p_team IS NULL OR a.team_id = p_team)
      AND (p_district IS NULL OR a.district = p_district)
      AND (p_from IS NULL OR a.day >= p_from)
      AND (p_to IS NULL OR a.day <= p_to)
$$;
