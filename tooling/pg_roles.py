"""A PostgreSQL role per service, made by the operator: `wijk db provision`.

Every service connects as its own role `wijk_<service>`: a LOGIN role that is no superuser and can create no
database and no role. It owns its own schema, made here, and nothing else; it cannot read or write another
service's schema. The one shared platform table, the households' text keys (`wijk.household_keys`, ADR 0006), is
owned by the admin; every service's role may read, add and update keys there (sealing services create a household's
key; intake's erasure destroys it), never delete a row or change the table.

Provisioning runs as the admin (the database's owner, a superuser in embedded mode), never as a service, and is
idempotent: run it after every upgrade. A schema that an older version let a service create as the admin is handed
to its role, with every table, view, sequence, type and function in it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

import psycopg
from psycopg import sql

from wijk.household_keys import SCHEMA_SQL as TEXT_KEYS_SQL
from wijk.settings import SERVICES, PlatformSettings, check_secret

PROVISION_LOCK = 0x77696A6B726F6C  # pg advisory lock: two provisioners at once (role creation is cluster-wide)
TEXT_KEYS_RIGHTS = "SELECT, INSERT, UPDATE"


def role_name(service: str) -> str:
    """The PostgreSQL role a service connects as."""
    return f"wijk_{service}"


def provision(admin_dsn: str, passwords: Mapping[str, str | None]) -> None:
    """As the admin: a role per service in `passwords` (None: no password, for socket or trust authentication), the
    service's schema owned by it, and the rights on the shared text keys. Idempotent; a password is (re)set."""
    with psycopg.connect(admin_dsn, autocommit=True) as conn, conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (PROVISION_LOCK,))
        database = sql.Identifier(conn.info.dbname)
        conn.execute(TEXT_KEYS_SQL)
        for service, password in passwords.items():
            role = sql.Identifier(role_name(service))
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role_name(service),)).fetchone()
            verb = sql.SQL("ALTER ROLE" if exists else "CREATE ROLE")
            conn.execute(
                sql.SQL("{} {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD {}").format(
                    verb, role, sql.Literal(password)
                )
            )
            conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, role))
            _own_schema(conn, service)
            conn.execute(sql.SQL("GRANT USAGE ON SCHEMA text_keys TO {}").format(role))
            conn.execute(sql.SQL(f"GRANT {TEXT_KEYS_RIGHTS} ON text_keys.household_key TO {{}}").format(role))


def _own_schema(conn: psycopg.Connection[Any], service: str) -> None:
    """The service's schema, owned by its role, with everything in it."""
    schema, role = sql.Identifier(service), sql.Identifier(role_name(service))
    conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {} AUTHORIZATION {}").format(schema, role))
    conn.execute(sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(schema, role))
    owner = "(SELECT oid FROM pg_roles WHERE rolname = %(role)s)"
    where = {"schema": service, "role": role_name(service)}
    adopt = [
        # Tables, views, materialized views; their indexes and identity sequences follow them.
        "SELECT 'TABLE', c.oid::regclass::text FROM pg_class c WHERE c.relnamespace = %(schema)s::regnamespace "
        f"AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner <> {owner}",
        "SELECT 'SEQUENCE', c.oid::regclass::text FROM pg_class c WHERE c.relnamespace = %(schema)s::regnamespace "
        f"AND c.relkind = 'S' AND c.relowner <> {owner} AND NOT EXISTS (SELECT FROM pg_depend d "
        "WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))",
        "SELECT 'TYPE', t.oid::regtype::text FROM pg_type t LEFT JOIN pg_class c ON c.oid = t.typrelid "
        f"WHERE t.typnamespace = %(schema)s::regnamespace AND t.typowner <> {owner} AND t.typelem = 0 "
        "AND (t.typrelid = 0 OR c.relkind = 'c')",
        "SELECT 'ROUTINE', p.oid::regprocedure::text FROM pg_proc p "
        f"WHERE p.pronamespace = %(schema)s::regnamespace AND p.proowner <> {owner}",
    ]
    for query in adopt:
        for kind, name in conn.execute(query, where).fetchall():
            conn.execute(sql.SQL(f"ALTER {kind} {name} OWNER TO {{}}").format(role))


def password_variable(service: str) -> str:
    """The environment variable `wijk db provision` reads a service's role password from."""
    return f"WIJK_PG_PASSWORD_{service.upper()}"


def hand_back(conn: psycopg.Connection[Any], schema: str) -> None:
    """After a restore as the admin (`pg_restore --no-owner`): the schema and all in it back to its service's role,
    if the database was provisioned with one."""
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role_name(schema),)).fetchone() is not None:
        _own_schema(conn, schema)


def passwords_from_env(environ: Mapping[str, str], services: tuple[str, ...] = SERVICES) -> dict[str, str | None]:
    """Each service's role password from `WIJK_PG_PASSWORD_<SERVICE>`; one missing, short or a placeholder is
    refused (a role without a password could not log in over the network)."""
    found: dict[str, str | None] = {}
    problems = []
    for service in services:
        name = password_variable(service)
        try:
            found[service] = check_secret(environ.get(name, ""))
        except ValueError as exc:
            problems.append(f"{name}: {exc}")
    if problems:
        raise ValueError("; ".join(problems))
    return found


def register(commands: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    """`wijk db provision`: add the command to `wijk`'s subparsers; returns its handler."""
    db = commands.add_parser("db", help="PostgreSQL, as its admin: a role per service (docs/deployment.md)")
    db.add_argument(
        "action",
        choices=["provision"],
        help="create or update every service's role and schema; passwords from WIJK_PG_PASSWORD_<SERVICE>",
    )
    db.add_argument(
        "--service",
        action="append",
        choices=SERVICES,
        help="only this service (repeat for more; default: every service)",
    )
    return {"db": _provision}


def _provision(args: argparse.Namespace) -> int:
    try:
        passwords = passwords_from_env(os.environ, tuple(args.service or SERVICES))
        provision(PlatformSettings().pg_dsn(), passwords)
    except (ValueError, psycopg.Error) as exc:
        print(f"wijk db provision: {exc}", file=sys.stderr)
        return 1
    print(f"provisioned {', '.join(role_name(s) for s in passwords)}")
    return 0
