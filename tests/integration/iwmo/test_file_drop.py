"""The file drop: the 301 appears in the provider's out folder; a 305 dropped in its in folder is received like a
posted one, moved to in/done with its outcome, and its 306 appears in out."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from lxml import etree

from services.iwmo.domain.client import InMemoryClientRecords
from services.iwmo.main import definition
from services.iwmo.messages.toewijzing import Wmo301
from services.iwmo.settings import IwmoSettings
from services.iwmo.xml import codec
from tests.integration.iwmo.gateway import AGB, assignment, client, new_household
from tests.integration.iwmo.test_gateway_flow import start_for
from tests.support.bus import publish
from tests.support.stack import Stack
from wijk.service import ServiceRuntime
from wijk.settings import ServiceSettings

pytestmark = pytest.mark.integration


async def files(folder: Path, pattern: str, count: int, timeout: float = 60) -> list[Path]:
    for _ in range(int(timeout / 0.25)):
        found = sorted(folder.glob(pattern))
        if len(found) >= count:
            return found
        await asyncio.sleep(0.25)
    raise AssertionError(f"fewer than {count} {pattern} in {folder}: {list(folder.iterdir())}")


async def test_a_provider_exchanges_through_its_folders(own_stack: Stack, tmp_path: Path) -> None:
    """A stack of its own: the test runs its own gateway with an in-memory source of client data, which would
    share the shared stack's consumer group with the gateway already running there."""
    stack = own_stack
    household = new_household()
    settings = IwmoSettings(drop_dir=tmp_path, drop_poll_seconds=0.2, retry_seconds=0.5)
    runtime = ServiceRuntime(
        definition(InMemoryClientRecords({household: client()}), settings), stack.settings,
        ServiceSettings.for_service("iwmo", http_port=stack.ports["iwmo"]),
    )  # fmt: skip
    stack.runtimes["iwmo"] = runtime
    await runtime.start()
    await publish(stack.settings.kafka_bootstrap, assignment(household))

    out = tmp_path / AGB / "out"
    [toewijzing] = await files(out, "*-WMO301-*.xml", 1)
    sent = codec.from_xml(etree.fromstring(toewijzing.read_bytes()), "301")
    assert isinstance(sent, Wmo301)
    (tmp_path / AGB / "in" / "start.xml").write_bytes(start_for(sent))

    [outcome] = await files(tmp_path / AGB / "in" / "done", "*.outcome.json", 1)
    assert json.loads(outcome.read_text())["outcome"] == "accepted"
    assert not (tmp_path / AGB / "in" / "start.xml").exists()
    await files(out, "*-WMO306-*.xml", 1)
