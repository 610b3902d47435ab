"""Special assistance and discretionary support are paid to the household when the beschikking is sent."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from contracts.events.backoffice import DebtReferralSent, PaymentMade
from kernel.errors import Refused
from services.backoffice.domain.decision import Decision, FundedDecision, LetterNotIssued
from services.backoffice.domain.referral import DebtReferral
from services.backoffice.translator import translate
from tests.unit.backoffice.factories import EUROS, send

pytestmark = pytest.mark.unit


def special_assistance() -> Decision:
    return Decision(
        FundedDecision(
            decision_id=uuid4(),
            household_id=uuid4(),
            team_id="wijkteam-poort",
            provision_code=EUROS.code,
            amount_cents=45_000,
            period_start=date(2026, 4, 1),
            period_end=date(2026, 4, 30),
            decided_by="A. Jansen",
            decided_on=date(2026, 3, 30),
            budget_line="special_assistance",
        )
    )


def test_the_household_is_paid_once_after_the_letter() -> None:
    decision = special_assistance()
    with pytest.raises(LetterNotIssued):
        decision.pay_household(date(2026, 3, 30))
    send(decision, date(2026, 3, 30), EUROS)
    decision.pay_household(date(2026, 3, 30))
    decision.pay_household(date(2026, 3, 31))
    payments = [f for f in map(translate, decision.collect_events()) if isinstance(f, PaymentMade)]
    assert len(payments) == 1
    [paid] = payments
    assert (paid.payee, paid.amount_cents, paid.paid_on) == ("household", 45_000, date(2026, 3, 30))


def test_a_debt_referral_becomes_the_fact_debt_assistance_consumes() -> None:
    household = uuid4()
    referral = DebtReferral(household, "wijkteam-poort", date(2026, 3, 30), True, "huurachterstand")
    fact = translate(referral.collect_events()[0])
    assert isinstance(fact, DebtReferralSent) and fact.threatening and fact.referral_id == referral.id
    assert fact.household_id == household
    with pytest.raises(Refused, match="names the team"):
        DebtReferral(household, " ", date(2026, 3, 30), False, "")
