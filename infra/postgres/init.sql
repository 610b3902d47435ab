-- Runs once, when the PostgreSQL data volume is first initialised (docker-entrypoint-initdb.d),
-- inside the database `wijk` that POSTGRES_DB creates, as the admin `postgres`.
--
-- The services' roles and schemas are not made here but by the one-shot `db-provision` container
-- (`wijk db provision`, tooling/pg_roles.py) at every start: a LOGIN role wijk_<service> per service, no superuser,
-- owning its own schema only, with its password from WIJK_PG_PASSWORD_<SERVICE>; the shared text keys
-- (text_keys.household_key) owned by the admin, readable, insertable and updatable by every service's role.
-- No service connects as `postgres`.
--
-- Here only what no role gets by default: nobody but the roles granted it connects to `wijk`, and nobody
-- creates objects in the public schema.

REVOKE ALL ON DATABASE wijk FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
