"""From the backoffice's internal domain events to the public facts it publishes."""

from __future__ import annotations

from dataclasses import asdict
from functools import singledispatch
from typing import Any

from contracts.events.backoffice import (
    DebtReferralSent,
    DecisionLetterIssued,
    DeclarationAnswered,
    ObjectionDecided,
    ObjectionDeferred,
    ObjectionLodged,
    PaymentMade,
    ProviderAssigned,
)
from services.backoffice import translator_cycle
from services.backoffice.domain.assignment import Assignment
from services.backoffice.domain.decision import Decision
from services.backoffice.domain.objection import Objection
from services.backoffice.domain.referral import DebtReferral


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart (Decision.Received, Assignment.Started, ...) stay inside."""
    return None


def _fields(event: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(event, name) for name in names}


@translate.register(Decision.LetterIssued)
def _(event: Any) -> DecisionLetterIssued:
    names = ("household_id", "decision_id", "provision_code", "amount_cents")
    letter = ("letter_id", "decision_date", "dispatch_date", "objection_deadline", "legal_basis")
    sent = event.letter
    cycle = {"kind": sent.kind, "team_id": sent.team_id, "budget_line": sent.budget_line} if sent.team_id else {}
    return DecisionLetterIssued(**_fields(event, *names), **_fields(sent, *letter), **cycle)


@translate.register(Decision.ProviderAssigned)
def _(event: Any) -> ProviderAssigned:
    return ProviderAssigned(**_fields(event, "household_id", "decision_id"), **asdict(event.assignment))


@translate.register(Decision.HouseholdPaid)
def _(event: Any) -> PaymentMade:
    names = ("household_id", "payment_id", "decision_id", "amount_cents", "paid_on")
    return PaymentMade(payee="household", **_fields(event, *names))


@translate.register(Assignment.DeclarationAnswered)
def _(event: Any) -> DeclarationAnswered:
    names = ("household_id", "declaration_id", "decision_id", "accepted", "amount_cents", "reason")
    return DeclarationAnswered(assignment_id=event.originator_id, **_fields(event, *names))


@translate.register(Assignment.Paid)
def _(event: Any) -> PaymentMade:
    names = ("household_id", "payment_id", "decision_id", "amount_cents", "paid_on", "payee")
    return PaymentMade(**_fields(event, *names))


@translate.register(Objection.Lodged)
def _(event: Any) -> ObjectionLodged:
    names = ("household_id", "decision_id", "lodged_on", "objection_deadline", "advisory_committee", "decision_due")
    lodged = event.objection
    cycle: dict[str, Any] = {}
    if lodged.team_id:  # lodged since issue 17: what it contests and whether it was in time
        contested = ("team_id", "provision_code", "budget_line", "contested_kind", "excused")
        cycle = _fields(lodged, *contested) | {"timely": lodged.lodged_on <= lodged.objection_deadline}
    return ObjectionLodged(objection_id=event.originator_id, **_fields(lodged, *names), **cycle)


@translate.register(Objection.Deferred)
def _(event: Any) -> ObjectionDeferred:
    names = ("household_id", "decision_id", "weeks", "notified_on", "decision_due")
    return ObjectionDeferred(objection_id=event.originator_id, **_fields(event, *names))


@translate.register(Objection.Decided)
def _(event: Any) -> ObjectionDecided:
    names = ("household_id", "decision_id", "outcome", "decided_by", "decided_on", "in_time")
    ground, appeal = getattr(event, "ground", ""), getattr(event, "appeal_deadline", None)  # absent before issue 17
    return ObjectionDecided(
        objection_id=event.originator_id, **_fields(event, *names), inadmissible_ground=ground or None,
        appeal_deadline=appeal,
    )  # fmt: skip


@translate.register(DebtReferral.Sent)
def _(event: Any) -> DebtReferralSent:
    names = ("household_id", "team_id", "referred_on", "threatening")
    return DebtReferralSent(referral_id=event.originator_id, **_fields(event, *names))


translator_cycle.register(translate)
