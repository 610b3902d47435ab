"""The PostgreSQL connection string survives any password, and carries the session timeouts (issue 18, #1 and #5)."""

from __future__ import annotations

import pytest
from psycopg.conninfo import conninfo_to_dict

from wijk.settings import PlatformSettings

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("password", ["with space", "it's", "back\\slash", "a=b c='d'"])
def test_a_password_with_spaces_and_quotes_reaches_libpq_unchanged(password: str) -> None:
    settings = PlatformSettings(pg_host="/run/pg dir", pg_password=password)
    parsed = conninfo_to_dict(settings.pg_dsn())
    assert parsed["password"] == password
    assert parsed["host"] == "/run/pg dir"


def test_the_connection_string_sets_the_session_timeouts() -> None:
    settings = PlatformSettings(pg_statement_timeout_seconds=5, pg_lock_timeout_seconds=2)
    options = conninfo_to_dict(settings.pg_dsn())["options"]
    assert "-c statement_timeout=5000" in str(options)
    assert "-c lock_timeout=2000" in str(options)
