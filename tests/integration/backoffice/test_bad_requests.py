"""The backoffice's routes answer bad input with a clear 4xx."""

from __future__ import annotations

from uuid import uuid4

import pytest

from tests.support.stack import Stack

pytestmark = pytest.mark.integration


async def test_a_malformed_id_is_422_and_an_unknown_decision_404(stack: Stack) -> None:
    unknown = uuid4()
    async with stack.client("backoffice") as client:
        malformed = await client.get("/decisions/not-a-uuid")
        malformed_letter = await client.get("/decisions/not-a-uuid/letter")
        missing = await client.get(f"/decisions/{unknown}")
        missing_letter = await client.get(f"/decisions/{unknown}/letter")
    assert malformed.status_code == malformed_letter.status_code == 422
    assert malformed.json()["detail"][0]["field"] == "path.decision_id"
    assert missing.status_code == missing_letter.status_code == 404
    assert missing.json()["error"] == "not_found"
