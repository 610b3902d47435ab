"""A PostgreSQL role per service (issue 12): made by the operator's `wijk db provision`, no superuser, owner of its
own schema only; it cannot read or write another service's, and shares only the households' text keys."""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Iterator
from datetime import date

import psycopg
import pytest
from psycopg import errors

from tests.support.identity import IdentityProvider
from tests.support.infra import create_database, drop_database, settings_for
from tooling.catalog import definition
from tooling.embedded_postgres import EmbeddedPostgres, PgEndpoint
from tooling.pg_roles import passwords_from_env, provision, role_name
from tooling.ports import free_port
from wijk import write_probe
from wijk.auth.access_log import AccessLog
from wijk.db import create_pool
from wijk.eventstore import ensure_schema
from wijk.household_keys import PostgresTextKeys, TextErased, seal, unseal
from wijk.key_wrapping import local_kek, new_kek
from wijk.service import ServiceRuntime
from wijk.settings import SERVICES, ServiceSettings, SettingsError

pytestmark = pytest.mark.integration


@pytest.fixture
def database(postgres: EmbeddedPostgres) -> Iterator[PgEndpoint]:
    endpoint = create_database(postgres.endpoint, f"wijk_roles_{uuid.uuid4().hex[:12]}")
    yield endpoint
    drop_database(endpoint)


def as_role(endpoint: PgEndpoint, service: str) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(dataclasses.replace(endpoint, user=role_name(service), password="").dsn(), autocommit=True)


def test_each_service_owns_its_schema_and_nothing_else(database: PgEndpoint) -> None:
    with psycopg.connect(database.dsn(), autocommit=True) as admin:  # a schema an older version made as the admin
        admin.execute("CREATE SCHEMA budget; CREATE TABLE budget.ledger (id bigint GENERATED ALWAYS AS IDENTITY)")
    provision(database.dsn(), dict.fromkeys(SERVICES))
    provision(database.dsn(), dict.fromkeys(SERVICES))  # idempotent

    with as_role(database, "intake") as intake:
        row = intake.execute("SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user")
        assert row.fetchone() == (False, False, False)
        intake.execute("CREATE TABLE intake.own (id int); INSERT INTO intake.own VALUES (1)")
        with pytest.raises(errors.InsufficientPrivilege):
            intake.execute("SELECT * FROM budget.ledger")
        with pytest.raises(errors.InsufficientPrivilege):
            intake.execute("CREATE TABLE planning.sneaky (id int)")
        with pytest.raises(errors.InsufficientPrivilege):
            intake.execute("CREATE SCHEMA extra")
        with pytest.raises(errors.InsufficientPrivilege):
            intake.execute("DELETE FROM text_keys.household_key")
    with as_role(database, "planning") as planning, pytest.raises(errors.InsufficientPrivilege):
        planning.execute("SELECT * FROM intake.own")
    with as_role(database, "budget") as budget:
        budget.execute("INSERT INTO budget.ledger DEFAULT VALUES")  # the older table is handed to its service's role
        assert budget.execute("SELECT count(*) FROM budget.ledger").fetchone() == (1,)


async def test_a_service_starts_its_tables_and_seals_text_as_its_own_role(database: PgEndpoint) -> None:
    provision(database.dsn(), dict.fromkeys(SERVICES))
    settings = settings_for(dataclasses.replace(database, user=role_name("care"), password=""), "127.0.0.1:1")
    ensure_schema(settings, "care")  # what a service runs on start: it finds its schema made for it
    pool = await create_pool(settings)
    try:
        await write_probe.prepare(pool, "care")
        assert await write_probe.can_write(pool, "care", None)
        await AccessLog(pool, "care").setup()
    finally:
        await pool.close()
    kek = local_kek(new_kek())
    care = PostgresTextKeys(settings.pg_dsn(), kek)
    intake_settings = settings.model_copy(update={"pg_user": role_name("intake")})
    intake = PostgresTextKeys(intake_settings.pg_dsn(), kek)
    try:
        household = uuid.uuid4()
        sealed = seal(care, household, "schulden bij de woningcorporatie")
        assert care.caching and intake.caching, "each role may LISTEN for erasures (no grant needed)"
        assert unseal(care, household, sealed) == "schulden bij de woningcorporatie"
        assert intake.destroy(household, date(2026, 12, 1)) is True, "intake's erasure destroys the shared key"
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:  # care's cached key goes with intake's notification
            try:
                care.key(household)
            except TextErased:
                break
            time.sleep(0.01)
        with pytest.raises(TextErased):
            unseal(care, household, sealed)
    finally:
        care.close()
        intake.close()


async def test_a_service_refuses_to_run_as_a_superuser(database: PgEndpoint, identity: IdentityProvider) -> None:
    settings = settings_for(database, "127.0.0.1:1", identity_issuer=identity.issuer)  # the server's superuser
    runtime = ServiceRuntime(definition("debt"), settings, ServiceSettings.for_service("debt", http_port=free_port()))
    with pytest.raises(SettingsError, match="'postgres' is a PostgreSQL superuser"):
        await runtime.start()
    with psycopg.connect(database.dsn()) as admin:
        assert admin.execute("SELECT to_regnamespace('debt')").fetchone() == (None,), "refused before it wrote"


def test_provisioning_for_a_deployment_wants_a_real_password_for_every_role() -> None:
    with pytest.raises(ValueError, match="WIJK_PG_PASSWORD_INTAKE") as refused:
        passwords_from_env({"WIJK_PG_PASSWORD_INTAKE": "change-me"})
    assert "WIJK_PG_PASSWORD_REPORTING" in str(refused.value), "every missing password is named at once"
