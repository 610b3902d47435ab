"""The file drop: the 301 appears in the provider's out folder; a 305 dropped in its in folder is received like a
posted one, moved to in/done with its outcome, and its 306 appears in out. The folder is the provider's identity,
provisioned by the operator: no token."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from lxml import etree

from kernel.iwmo import codec
from kernel.iwmo.messages.toewijzing import Wmo301
from tests.integration.iwmo.gateway import AGB, WAIT, Gateway, assignment
from tests.integration.iwmo.test_gateway_flow import start_for
from tests.support.bus import publish

pytestmark = pytest.mark.integration


async def files(folder: Path, pattern: str, count: int, timeout: float = WAIT) -> list[Path]:
    for _ in range(int(timeout / 0.25)):
        found = sorted(folder.glob(pattern)) if folder.exists() else []
        if len(found) >= count:
            return found
        await asyncio.sleep(0.25)
    raise AssertionError(f"fewer than {count} {pattern} in {folder}")


async def toewijzing_in(out: Path, bsn: str, timeout: float = WAIT) -> Wmo301:
    for _ in range(int(timeout / 0.25)):
        for path in sorted(out.glob("*-WMO301-*.xml")) if out.exists() else []:
            message = codec.from_xml(etree.fromstring(path.read_bytes()), "301")
            if isinstance(message, Wmo301) and message.client.bsn == bsn:
                return message
        await asyncio.sleep(0.25)
    raise AssertionError(f"no 301 for the client in {out}")


async def test_a_provider_exchanges_through_its_folders(gateway: Gateway) -> None:
    resident = await gateway.register()
    await publish(gateway.stack.bootstrap, assignment(resident.household_id))

    out = gateway.drop_dir / AGB / "out"
    sent = await toewijzing_in(out, resident.bsn)
    before = len(list(out.glob("*-WMO306-*.xml")))
    name = f"start-{resident.household_id}.xml"
    partial = gateway.drop_dir / AGB / "in" / f".{name}.part"
    partial.write_bytes(start_for(sent))
    partial.replace(gateway.drop_dir / AGB / "in" / name)  # as a provider should: never half a file

    [outcome] = await files(gateway.drop_dir / AGB / "in" / "done", f"{name}.outcome.json", 1)
    assert json.loads(outcome.read_text())["outcome"] == "accepted"
    assert not (gateway.drop_dir / AGB / "in" / name).exists()
    await files(out, "*-WMO306-*.xml", before + 1)
