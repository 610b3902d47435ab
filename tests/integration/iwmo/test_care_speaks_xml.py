"""The reference provider speaking iWmo XML for a provider marked `"exchange": "iwmo"` (zorg-flevoland in
Almere): it reads its 301 from the mailbox with the provider's token, starts care with a 305 by its policy, and
declares (323) and stops (307) through its /iwmo routes; the gateway accepts each, answers it (306, 325, 308) and
publishes its facts, while care publishes no JSON fact for that household."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from contracts.events.iwmo import CareDeclarationReported, CareStartReported, CareStopReported
from contracts.topics import facts
from kernel.clock import today
from tests.conftest import dismantle, isolated
from tests.integration.iwmo.gateway import AGB, PROVIDER, WAIT, Gateway, assignment
from tests.integration.iwmo.test_request_route import answer_319, post_315
from tests.support import people
from tests.support.bus import facts_now, publish, read_facts
from tests.support.identity import IdentityProvider
from tests.support.stack import eventually
from tooling.embedded_postgres import EmbeddedPostgres
from tooling.iwmo_export import check, export_mailboxes

pytestmark = pytest.mark.integration


@pytest.fixture
async def xml_stack(
    postgres: EmbeddedPostgres, identity: IdentityProvider, gateway_env: dict[str, str], tmp_path_factory: Any
) -> AsyncIterator[Gateway]:
    """A stack of its own: care gets the provider's client secret here (on the package's stack it reports in
    JSON, which the other tests of the package rely on when they play the provider themselves)."""
    stack, server = await isolated(postgres, identity)
    drop = tmp_path_factory.mktemp("xml-drop")
    env = {
        "WIJK_CARE_IWMO_CLIENT_SECRETS": f'{{"{PROVIDER}": "{identity.credentials.secret(PROVIDER)}"}}',
        "WIJK_CARE_IWMO_URL": stack.url("iwmo"), "WIJK_CARE_IWMO_POLL_SECONDS": "0.3",
        "WIJK_IWMO_INTAKE_URL": stack.url("intake"),
        "WIJK_IWMO_DROP_DIR": str(drop),  # its own: the package's drop folder remembers the package stack's positions
    }  # fmt: skip
    before = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        await stack.start(["intake", "iwmo", "care"])
        yield Gateway(stack, identity, drop)
    finally:
        await dismantle(stack, server, postgres)
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


async def as_provider(gateway: Gateway, method: str, path: str, body: Any = None) -> Any:
    headers = {"Authorization": f"Bearer {gateway.identity.client_token(PROVIDER, 'care')}"}
    async with httpx.AsyncClient(base_url=gateway.stack.url("care"), headers=headers, timeout=30) as http:
        answer = await http.request(method, path, json=body)
    assert answer.is_success, f"{method} {path}: {answer.status_code} {answer.text}"
    return answer.json()


async def test_care_reads_its_301_and_reports_in_xml(xml_stack: Gateway, tmp_path: Path) -> None:
    gateway = xml_stack
    resident = await gateway.register()
    assigned = assignment(resident.household_id)
    await publish(gateway.stack.bootstrap, assigned)
    base = f"/iwmo/providers/{PROVIDER}/toewijzingen"

    async def mine() -> list[dict[str, Any]]:
        return list(await as_provider(gateway, "GET", base))

    [toewijzing] = await eventually(mine, lambda found: bool(found) and found[0]["status"] == "started", WAIT)
    assert toewijzing["start_date"] == today().isoformat() and toewijzing["sent"][0]["message"] == "WMO305"
    nummer = toewijzing["toewijzing_nummer"]

    day = today().isoformat()
    declared = await as_provider(gateway, "POST", f"{base}/{nummer}/declarations",
                                 {"period_start": day, "period_end": day, "volume": 2})  # fmt: skip
    assert (declared["outcome"], declared["retour"]["message"]) == ("accepted", "WMO325"), declared
    stopped = await as_provider(gateway, "POST", f"{base}/{nummer}/stop", {"end_date": day, "reason_code": "19"})
    assert (stopped["outcome"], stopped["retour"]["message"]) == ("accepted", "WMO308"), stopped

    found = await read_facts(gateway.stack.bootstrap, facts("iwmo"), expected=3, polls=240, of=[resident.household_id])
    assert {type(f) for f in found} == {CareStartReported, CareDeclarationReported, CareStopReported}
    assert all(f.assignment_id == assigned.assignment_id for f in found)  # type: ignore[attr-defined]
    assert await facts_now(gateway.stack.bootstrap, facts("care"), of=[resident.household_id]) == []

    mailbox = gateway.mailbox()
    async with mailbox.http() as http:
        sent_in = (await http.get("/mailbox/messages", params={"direction": "in"})).json()
    assert {"WMO302", "WMO305", "WMO323", "WMO307"} <= {m["message"] for m in sent_in}  # 302: the 301 received

    # what `wijk simulate --iwmo-out` writes: every message, both directions, valid against its XSD
    reference = f"VOT-{uuid.uuid4().hex[:8]}"
    await post_315(mailbox, people.bsn(), reference)  # a client it does not serve: 316, and a 319 at once
    await answer_319(mailbox, reference)
    written = await asyncio.to_thread(
        export_mailboxes, gateway.url, gateway.identity.tokens, {PROVIDER: AGB}, tmp_path / "iwmo"
    )
    assert {
        "WMO301",
        "WMO302",
        "WMO305",
        "WMO306",
        "WMO307",
        "WMO308",
        "WMO315",
        "WMO316",
        "WMO319",
        "WMO323",
        "WMO325",
    } <= set(written), written
    assert sum(written.values()) == len(list((tmp_path / "iwmo").glob("*.xml")))
    assert check(tmp_path / "iwmo") == []
