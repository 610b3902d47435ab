-- Reporting's read models. Idempotent: run on every start; a rebuild drops the schema and replays the topics.

CREATE SCHEMA IF NOT EXISTS reporting;

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

CREATE INDEX IF NOT EXISTS fact_type_occurred_at ON reporting.fact (type, occurred_at);
CREATE INDEX IF NOT EXISTS fact_subject ON reporting.fact (subject);

-- Which team serves a household, from CaseOpened; joined at read time so arrival order does not matter.
CREATE TABLE IF NOT EXISTS reporting.household_team (
    household_id uuid PRIMARY KEY,
    team_id      text NOT NULL,
    district     text NOT NULL
);
