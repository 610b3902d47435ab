"""asyncpg pools for our own tables (relay positions, reporting read models); eventsourcing uses psycopg."""

from __future__ import annotations

import asyncpg
import psycopg

from wijk.settings import PlatformSettings, SettingsError


async def create_pool(settings: PlatformSettings, min_size: int = 1, max_size: int = 4) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        host=settings.pg_host,
        port=settings.pg_port,
        user=settings.pg_user,
        password=settings.pg_password or None,
        database=settings.pg_dbname,
        min_size=min_size,
        max_size=max_size,
        server_settings=settings.server_settings(),
    )


def create_schema_sql(schema: str) -> str:
    """SQL that creates `schema` unless it exists. Not `CREATE SCHEMA IF NOT EXISTS`: PostgreSQL checks the CREATE
    privilege on the database before it looks whether the schema exists, and a service's own role has no such
    privilege: the operator made its schema for it (`wijk db provision`, tooling/pg_roles.py)."""
    literal, identifier = schema.replace("'", "''"), schema.replace('"', '""')
    return (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = '{literal}') "
        f'THEN CREATE SCHEMA "{identifier}"; END IF; END $$'
    )


def refuse_superuser(settings: PlatformSettings, service: str) -> None:
    """A service never runs as a PostgreSQL superuser (issue 12): it connects as its own role, which the operator
    made with `wijk db provision`; SettingsError otherwise."""
    with psycopg.connect(settings.pg_dsn()) as conn:
        row = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    if row is None or row[0]:
        raise SettingsError(
            f"{service}: WIJK_PG_USER {settings.pg_user!r} is a PostgreSQL superuser; a service connects as its own "
            f"role (wijk_{service}, made by `wijk db provision`, docs/deployment.md)"
        )
