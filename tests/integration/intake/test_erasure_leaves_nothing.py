"""Households with their residents; erasure by crypto-shredding. The proof: the personal data is in no raw store
or topic, neither before erasure (sealed) nor after it (the key is gone), while the facts still count."""

from __future__ import annotations

import json
from typing import Any

import pytest

from contracts.topics import facts
from tests.integration.intake.raw_stores import database_hits, forms, schemas_searched, topic_hits
from tests.support.bus import read_facts
from tests.support.stack import TEAM_PROFESSIONAL, Stack, eventually
from wijk.db import create_pool

pytestmark = pytest.mark.integration
HOUSEHOLD: dict[str, Any] = {
    "address": {"street": "Kwikstaartlaan", "house_number": "117B", "postcode": "1353 QX", "city": "Almere"},
    "residents": [
        {"given_name": "Zwaantje", "family_name": "Ëlberink-Oosterhuis", "bsn": "999990081"},
        {"given_name": "Wubbo", "family_name": "Ëlberink-Oosterhuis", "bsn": "999990068", "role": "partner"},
    ],
    "contact": {"phone": "0612398745", "email": "zwaantje.elberink@example.org"},
}
PERSONAL = ["Zwaantje", "Wubbo", "Ëlberink-Oosterhuis", "999990081", "999990068", "Kwikstaartlaan", "1353 QX",
            "1353QX", "0612398745", "zwaantje.elberink@example.org"]  # fmt: skip


async def search(stack: Stack, needles: list[bytes]) -> set[tuple[bytes, str]]:
    """Every (needle, place) found in any table of any schema and on any topic."""
    pool = await create_pool(stack.settings, max_size=1)  # as the admin: each service's own role sees its schema only
    try:
        async with pool.acquire() as conn:
            in_database = await database_hits(conn, needles)
            assert {"intake", "reporting", "text_keys"} <= await schemas_searched(conn)
    finally:
        await pool.close()
    on_topics, searched = await topic_hits(stack.settings.kafka_bootstrap, needles)
    assert searched > 0
    return in_database | on_topics


async def reported(stack: Stack, household_id: str) -> int:
    """How many of intake's facts about the household reporting holds (the other services add their own)."""
    count: int = await stack["reporting"].pool.fetchval(  # type: ignore[union-attr]
        "SELECT count(*) FROM reporting.fact WHERE subject = $1 AND type LIKE 'nl.wijkteam.intake.%'", household_id
    )
    return count


async def erasures_reported(stack: Stack, household_id: str) -> int:
    count: int = await stack["reporting"].pool.fetchval(  # type: ignore[union-attr]
        "SELECT count(*) FROM reporting.fact WHERE subject = $1 AND type = 'nl.wijkteam.intake.household-erased.v1'",
        household_id,
    )
    return count


async def test_erased_personal_data_is_nowhere_and_the_facts_still_count(stack: Stack) -> None:
    needles = [form for value in PERSONAL for form in forms(value)]
    async with (
        stack.client("intake", timeout=20) as client,
        stack.client("intake", user=TEAM_PROFESSIONAL["wijkteam-haven"]) as team,
        stack.client("intake", user="coach.jansen") as other_team,
        stack.client("intake", user="privacy") as privacy,
    ):
        registered = await client.post("/households", json=HOUSEHOLD)
        assert registered.status_code == 201, registered.text
        household_id = registered.json()["household_id"]
        melding = await client.post(
            "/support-requests", json={"household_id": household_id, "life_domains": ["income", "debts"]}
        )
        assert melding.status_code == 201, melding.text
        municipal = await client.get(f"/households/{household_id}")  # case work, but no personal data
        strangers = await other_team.get(f"/households/{household_id}")
        shown = (await team.get(f"/households/{household_id}")).json()
        assert (
            shown["residents"][0]["family_name"] == "Ëlberink-Oosterhuis" and shown["address"]["postcode"] == "1353 QX"
        )
        assert shown["team_id"] == "wijkteam-haven"

        before = await eventually(lambda: reported(stack, household_id), lambda n: n >= 5)
        key = await stack["intake"].pool.fetchval(  # type: ignore[union-attr]
            "SELECT key FROM intake.household_key WHERE household_id = $1::uuid", household_id
        )
        control = household_id.encode()  # the pseudonymous id is there: proof that the search finds what is there
        found = await search(stack, [*needles, control])
        assert {needle for needle, _ in found} == {control}, "sealed personal data must not be readable"
        assert {("reporting.fact.subject"), facts("intake")} <= {place for _, place in found}

        not_privacy = await team.post(f"/households/{household_id}/erasure")
        erased = await privacy.post(f"/households/{household_id}/erasure")
        assert erased.status_code == 200, erased.text
        gone = await team.get(f"/households/{household_id}")
        again = await privacy.post(f"/households/{household_id}/erasure")
        new_melding = await client.post(
            "/support-requests", json={"household_id": household_id, "life_domains": ["income"]}
        )
        case = await client.get(f"/cases/{melding.json()['case_id']}")
    assert municipal.status_code == strangers.status_code == not_privacy.status_code == 403
    assert strangers.json()["rule"] == "professional@own-team" and "wijkteam-haven" in strangers.json()["detail"]
    assert not_privacy.json()["rule"] == "privacy-officer"
    assert gone.status_code == 410 and gone.json()["error"] == "household_erased"
    assert "was erased on" in gone.json()["detail"]
    assert again.status_code == 410 and new_melding.status_code == 410
    assert case.status_code == 200 and case.json()["household_id"] == household_id  # pseudonymous facts remain

    published = await read_facts(stack.bootstrap, facts("intake"), 6, of=[household_id])
    erasure = [f for f in published if f.type == "nl.wijkteam.intake.household-erased.v1"]
    assert len(erasure) == 1 and set(json.loads(erasure[0].model_dump_json())) == {"household_id", "erased_on"}
    # reporting still counts the household's facts, the erasure among them (intake may add a clock's stop meanwhile)
    await eventually(lambda: erasures_reported(stack, household_id), lambda n: n == 1)
    assert await reported(stack, household_id) > before

    key_forms = [key, key.hex().encode()]
    assert await search(stack, [*needles, *key_forms]) == set()
    assert (
        await stack["intake"].pool.fetchval(  # type: ignore[union-attr]
            "SELECT count(*) FROM intake.household_lookup WHERE household_id = $1::uuid", household_id
        )
        == 0
    )


async def test_a_bsn_failing_the_11_proef_is_refused_and_nothing_is_kept(stack: Stack) -> None:
    app, pool = stack["intake"].app, stack["intake"].pool
    assert app is not None and pool is not None
    stored, keys = app.recorder.max_notification_id(), await pool.fetchval("SELECT count(*) FROM intake.household_key")
    wrong = {**HOUSEHOLD, "residents": [{**HOUSEHOLD["residents"][0], "bsn": "999990082"}]}
    missing = {"address": HOUSEHOLD["address"], "residents": []}
    async with stack.client("intake", timeout=20) as client, stack.client("intake", user="privacy") as privacy:
        refused = await client.post("/households", json=wrong)
        empty = await client.post("/households", json=missing)
        outside = await client.post(
            "/households", json={**HOUSEHOLD, "address": {**HOUSEHOLD["address"], "postcode": "9999 ZZ"}}
        )
        unknown = await privacy.post("/households/6f0d5a8e-2b7c-4c1e-9a43-8d2f3b9e7a10/erasure")
    assert refused.status_code == 422 and "11-proef" in refused.json()["detail"]
    assert "999990082" not in refused.text
    assert empty.status_code == 422 and empty.json()["detail"][0]["field"] == "body.residents"
    assert outside.status_code == 422 and "9999" in outside.json()["detail"]
    assert unknown.status_code == 404
    assert app.recorder.max_notification_id() == stored
    assert await pool.fetchval("SELECT count(*) FROM intake.household_key") == keys
