"""A melding names its life domains and who asked; a case flags debts for early referral."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from kernel.errors import Refused
from services.intake.domain.case import Case
from services.intake.domain.household import Household
from services.intake.domain.support_request import InvalidSupportRequest, SupportRequest

pytestmark = pytest.mark.unit
TODAY = date(2026, 3, 2)


def test_a_melding_records_its_life_domains() -> None:
    melding = SupportRequest(uuid.uuid4(), "professional", ["income", "debts"], TODAY)
    assert melding.life_domains == ["income", "debts"] and melding.received_on == TODAY


@pytest.mark.parametrize(
    ("requested_by", "domains", "problem"),
    [
        ("resident", [], "at least one"),
        ("resident", ["money"], "unknown life domains"),
        ("neighbour", ["income"], "requested_by"),
    ],
)
def test_invalid_meldingen_are_refused(requested_by: str, domains: list[str], problem: str) -> None:
    with pytest.raises(InvalidSupportRequest, match=problem):
        SupportRequest(uuid.uuid4(), requested_by, domains, TODAY)


def test_a_debt_concern_carries_household_and_team_for_the_referral() -> None:
    household = uuid.uuid4()
    case = Case(household, uuid.uuid4(), "Haven", "team-haven", TODAY)
    case.flag_debt_concern(TODAY, threatening=True)
    flagged = case.collect_events()[-1]
    assert (flagged.household_id, flagged.team_id, flagged.threatening) == (household, "team-haven", True)
    assert case.debt_concern


def test_a_household_has_at_least_one_member() -> None:
    with pytest.raises(Refused, match="at least one member"):
        Household(uuid.uuid4(), "Haven", "team-haven", 0, "sealed")
