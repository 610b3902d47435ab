-- Runs once, when the PostgreSQL data volume is first initialised (docker-entrypoint-initdb.d),
-- inside the database `wijk` that POSTGRES_DB creates.
--
-- One schema per service. Each service owns its schema: no service reads or writes another's.
-- The eventsourcing tables (stored events, notification log = outbox, tracking) and the services' own
-- tables (inbox, read models, key store) are created by the services themselves on start, in their schema.

CREATE SCHEMA IF NOT EXISTS intake;
CREATE SCHEMA IF NOT EXISTS planning;
CREATE SCHEMA IF NOT EXISTS budget;
CREATE SCHEMA IF NOT EXISTS backoffice;
CREATE SCHEMA IF NOT EXISTS care;
CREATE SCHEMA IF NOT EXISTS debt;
CREATE SCHEMA IF NOT EXISTS reporting;
