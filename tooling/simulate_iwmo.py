"""The providers that speak iWmo XML, as the simulator follows them: their toewijzingen come from 301s in their
mailbox at the gateway, not from the bus, and they report through care's `/iwmo/providers/{p}/toewijzingen/...`
routes (305 start, 307 stop, 323 declaration), each with the provider's own client-credentials token.

Which providers speak XML is care's answer, not a guess: its `/iwmo` routes answer 404 for a provider that reports
in JSON (not marked `"exchange": "iwmo"`, or without its client's secret).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from tooling.identity_tokens import acting, org

ACCEPTED = ("accepted", "partly accepted")
"""The gateway's verdicts on a 305, 307 or 323 that count (its 306, 308 and 325 say why otherwise)."""


async def speaking(client: httpx.AsyncClient, care: str, providers: list[str]) -> set[str]:
    """The providers whose toewijzingen care keeps from their 301s."""
    found = set()
    for provider in providers:
        answer = await client.get(f"{care}/iwmo/providers/{provider}/toewijzingen", extensions=acting(org(provider)))
        if answer.status_code == 200:
            found.add(provider)
    return found


async def toewijzingen(client: httpx.AsyncClient, care: str, provider: str, bsns: set[str]) -> list[dict[str, Any]]:
    """The provider's toewijzingen for these clients (the provider's own books hold its clients' BSNs)."""
    url = f"{care}/iwmo/providers/{provider}/toewijzingen"
    listed = (await client.get(url, extensions=acting(org(provider)))).raise_for_status().json()
    return sorted((t for t in listed if t.get("client_bsn") in bsns), key=lambda t: int(t["toewijzing_nummer"]))


def starts_by_itself(directory: Path, provider: str) -> bool:
    """Whether the provider's policy (providers.json) accepts on receipt and starts care at once: care then sends
    the 305 itself when it reads the 301."""
    path = directory / "providers.json"
    policies = json.loads(path.read_text(encoding="utf-8")).get("providers", []) if path.exists() else []
    policy: dict[str, Any] = next((p for p in policies if p["id"] == provider), {})
    return policy.get("acceptance", "auto") == "auto" and bool(policy.get("start_on_acceptance", True))


def as_assignment(provider: str, t: dict[str, Any], year_end: str) -> dict[str, Any]:
    """A toewijzing in the shape the calendar's later steps (stop, declaration) use for every assignment."""
    return {
        "xml": True, "provider_id": provider, "toewijzing_nummer": t["toewijzing_nummer"],
        "period_start": t["product"]["ingangsdatum"], "period_end": t["product"]["einddatum"] or year_end,
    }  # fmt: skip
