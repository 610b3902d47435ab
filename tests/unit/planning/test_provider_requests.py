"""A provider's request before the coordinator (iWmo 315/317): answered once, taken up without a reason or refused
with a WJ759 reason."""

from __future__ import annotations

import uuid

import pytest

from kernel.clock import today
from services.planning.domain.provider_request import AlreadyAnswered, InvalidAnswer, ProviderRequest

pytestmark = pytest.mark.unit


def request() -> ProviderRequest:
    return ProviderRequest(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), "wijkteam-haven", "zorg-flevoland", "VOT-1",
                           "assignment", {"product_code": "02A02"}, today())  # fmt: skip


def test_a_refusal_needs_its_reason_and_a_taken_request_has_none() -> None:
    with pytest.raises(InvalidAnswer):
        request().answer(False, None, "j.de.vries", today())
    with pytest.raises(InvalidAnswer):
        request().answer(False, "10", "j.de.vries", today())
    with pytest.raises(InvalidAnswer):
        request().answer(True, "3", "j.de.vries", today())


def test_a_request_is_answered_once() -> None:
    found = request()
    found.answer(False, "3", "j.de.vries", today())
    assert (found.status, found.refusal_reason, found.answered_by) == ("refused", "3", "j.de.vries")
    with pytest.raises(AlreadyAnswered):
        found.answer(True, None, "j.de.vries", today())
