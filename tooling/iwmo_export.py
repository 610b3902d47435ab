"""Every iWmo message exchanged, both directions, as one `.xml` file per message (`wijk simulate --iwmo-out DIR`),
read through each provider's mailbox with that provider's own client-credentials token, exactly as it went over
the wire; and the check that every file validates against the official XSDs.

File names: `<AGB code>-<position>-<in|out>-WMO<code>-<identificatie>.xml`, the position being the message's place
in the gateway's archive, so a folder lists in exchange order per provider.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
from lxml import etree

from kernel.iwmo import codec
from kernel.iwmo.messages.catalog import BY_CODE
from services.iwmo.settings import default_xsd_dir
from services.iwmo.xml.schemas import Schemas
from tooling.identity_tokens import TokenSource


class ExportError(RuntimeError):
    """A mailbox could not be read; the message says which and why."""


def export_mailboxes(iwmo_url: str, tokens: TokenSource, agb_by_provider: Mapping[str, str], out: Path) -> Counter[str]:
    """Write every message of every provider's mailbox to `out`; the number of files per message type."""
    out.mkdir(parents=True, exist_ok=True)
    written: Counter[str] = Counter()
    for provider, agb in sorted(agb_by_provider.items()):
        headers = {"Authorization": f"Bearer {tokens.for_client(provider, 'wijk-iwmo')}"}
        with httpx.Client(base_url=iwmo_url, headers=headers, timeout=30) as http:
            for direction in ("out", "in"):
                after = 0
                while page := _listed(http, provider, direction, after):
                    for entry in page:
                        after = entry["position"]
                        if not entry["message"]:
                            continue  # unreadable: no message type to name it by
                        document = http.get(f"/mailbox/messages/{entry['position']}").raise_for_status().content
                        name = f"{agb}-{entry['position']:08d}-{direction}-{entry['message']}-{entry['identificatie']}"
                        (out / f"{name}.xml").write_bytes(document)
                        written[entry["message"]] += 1
    return written


def _listed(http: httpx.Client, provider: str, direction: str, after: int) -> list[dict[str, Any]]:
    answer = http.get("/mailbox/messages", params={"direction": direction, "after": after, "limit": 1000})
    if answer.status_code != 200:
        raise ExportError(f"the mailbox of {provider} answered {answer.status_code}: {answer.text[:200]}")
    return list(answer.json())


def check(folder: Path, xsd_dir: Path | None = None) -> list[str]:
    """Every `.xml` file in `folder` against its message's official XSD: the problems, none when all are valid."""
    schemas = Schemas(xsd_dir or default_xsd_dir())
    problems = []
    for path in sorted(folder.glob("*.xml")):
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
        code = _code(etree.QName(root).namespace or "")
        if code is None:
            problems.append(f"{path.name}: not an iWmo 3.2 message")
            continue
        invalid = schemas.validate(root, code)
        if invalid is not None:
            problems.append(f"{path.name}: " + "; ".join(invalid.reasons))
    return problems


def _code(namespace: str) -> str | None:
    code = namespace.removeprefix(codec.PREFIX).removesuffix("/schema")
    return code if namespace == codec.namespace(code) and code in BY_CODE else None
