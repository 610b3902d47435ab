"""The guard and `require` on a small app of their own, with tokens from the real provider: who may, who may
not (403 naming the rule), and what goes on the access log (reads of personal data, commands, refusals)."""

from __future__ import annotations

import pytest

from tests.integration.identity.conftest import Scratch
from tests.integration.identity.guarded_app import guarded
from tests.support.identity import IdentityProvider

pytestmark = pytest.mark.integration


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_professional_reads_a_household_of_the_own_team_and_it_is_on_record(
    identity: IdentityProvider, scratch: Scratch
) -> None:
    async with guarded(identity, scratch) as (client, log, _):
        answer = await client.get("/households/h-haven", headers=bearer(identity.user_token("j.de.vries", "intake")))
        records = await log.query(household="h-haven")
    assert answer.status_code == 200
    [record] = records
    assert record["subject"] == identity.credentials.subject("j.de.vries")
    assert (record["action"], record["outcome"], record["route"]) == (
        "intake.personal-data.read", "allowed", "/households/{household_id}"
    )  # fmt: skip
    assert record["roles"] == ["professional"] and record["organisation"] == "gemeente-almere"
    assert record["basis"].startswith("Wmo 2015 art. 5.1.1")
    assert record["resource"] == {"household_id": "h-haven"}
    assert "J. de Vries" not in str(record)  # pseudonyms only


async def test_a_professional_of_another_team_gets_403_naming_the_rule(
    identity: IdentityProvider, scratch: Scratch
) -> None:
    async with guarded(identity, scratch) as (client, log, _):
        answer = await client.get("/households/h-stad", headers=bearer(identity.user_token("j.de.vries", "intake")))
        [record] = await log.query(subject=identity.credentials.subject("j.de.vries"))
    assert answer.status_code == 403
    assert answer.json()["rule"] == "professional@own-team"
    assert "wijkteam-stad" in answer.json()["detail"] and "wijkteam-haven" in answer.json()["detail"]
    assert (record["status"], record["outcome"], record["household"]) == (403, "refused", "h-stad")
    assert "wijkteam-stad" in record["reason"]


async def test_an_organisation_without_the_role_gets_403(identity: IdentityProvider, scratch: Scratch) -> None:
    operator = bearer(identity.client_token("wijk-operator", "intake"))
    async with guarded(identity, scratch) as (client, log, _):
        answer = await client.get("/households/h-haven", headers=operator)
        [record] = await log.query(subject="wijk-operator")
    assert answer.status_code == 403
    assert answer.json()["rule"] == "professional@own-team"
    assert "operator" in answer.json()["detail"]
    assert (record["client_id"], record["organisation"], record["status"]) == ("wijk-operator", None, 403)


async def test_a_command_is_recorded_with_the_subject_from_the_token(
    identity: IdentityProvider, scratch: Scratch
) -> None:
    async with guarded(identity, scratch) as (client, log, _):
        answer = await client.post(
            "/plans/p-1/decisions", headers=bearer(identity.user_token("coach.jansen", "intake"))
        )
        [record] = await log.query(household="h-stad")
    assert answer.json() == {"decided_by": identity.credentials.subject("coach.jansen")}
    assert (record["method"], record["action"], record["status"]) == ("POST", "planning.decide", 200)


async def test_reads_of_aggregates_are_not_recorded_but_their_refusals_are(
    identity: IdentityProvider, scratch: Scratch
) -> None:
    async with guarded(identity, scratch) as (client, log, _):
        allowed = await client.get("/summary", headers=bearer(identity.user_token("raadslid", "intake")))
        refused = await client.get("/summary", headers=bearer(identity.user_token("coach.jansen", "intake")))
        records = await log.query()
    assert (allowed.status_code, refused.status_code) == (200, 403)
    assert [(r["status"], r["action"]) for r in records] == [(403, "reporting.read")]


async def test_a_route_without_a_right_still_needs_a_token_and_documents_stay_public(
    identity: IdentityProvider, scratch: Scratch
) -> None:
    async with guarded(identity, scratch) as (client, _, _):
        assert (await client.get("/unannotated")).status_code == 401
        assert (await client.get("/openapi.json")).status_code == 200


async def test_the_privacy_officer_queries_the_log_per_household_and_per_employee(
    identity: IdentityProvider, scratch: Scratch
) -> None:
    coach = identity.credentials.subject("j.de.vries")
    async with guarded(identity, scratch) as (client, _, _):
        for household in ("h-haven", "h-stad", "h-haven"):
            await client.get(f"/households/{household}", headers=bearer(identity.user_token("j.de.vries", "intake")))
        privacy = bearer(identity.user_token("privacy", "intake"))
        per_household = (await client.get("/access-log", params={"household_id": "h-haven"}, headers=privacy)).json()
        per_employee = (await client.get("/access-log", params={"subject": coach}, headers=privacy)).json()
        refused = await client.get("/access-log", headers=bearer(identity.user_token("controller", "intake")))
    assert [r["status"] for r in per_household] == [200, 200]
    assert sorted(r["household"] for r in per_employee) == ["h-haven", "h-haven", "h-stad"]
    assert refused.status_code == 403 and refused.json()["rule"] == "privacy-officer"
