"""From the backoffice's events of the law cycle (refusal letters, withdrawals and changes, revocations) to the
facts it publishes (`contracts.events.backoffice_cycle`); registered on its `translate` by `translator`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from contracts.events.backoffice_cycle import DecisionRevoked, RefusalLetterIssued, WithdrawalLetterIssued
from services.backoffice.domain.decision import Decision
from services.backoffice.domain.refusal import Refusal

if TYPE_CHECKING:
    from functools import _SingleDispatchCallable


def register(translate: _SingleDispatchCallable[Any]) -> None:
    for event_type, to_fact in TRANSLATIONS.items():
        translate.register(event_type)(to_fact)


def _refusal_letter(event: Any) -> RefusalLetterIssued:
    letter, refused = event.letter, event.refused
    return RefusalLetterIssued(
        household_id=event.household_id,
        letter_id=letter.letter_id,
        decision_id=event.decision_id,
        plan_id=refused.plan_id,
        team_id=refused.team_id,
        provision_code=refused.provision_code,
        budget_line=refused.budget_line,
        legal_ground=refused.legal_ground,
        decision_date=letter.decision_date,
        dispatch_date=letter.dispatch_date,
        objection_deadline=letter.objection_deadline,
        signed_by=refused.refused_by,
    )


def _withdrawal_letter(event: Any) -> WithdrawalLetterIssued:
    withdrawal, contested = event.withdrawal, event.contested
    return WithdrawalLetterIssued(
        household_id=event.household_id,
        letter_id=withdrawal.letter_id,
        decision_id=event.decision_id,
        team_id=contested["team_id"],
        provision_code=contested["provision_code"],
        budget_line=contested["budget_line"],
        kind=withdrawal.kind,
        replaced_by=withdrawal.replaced_by,
        decision_date=withdrawal.decision_date,
        dispatch_date=withdrawal.dispatch_date,
        objection_deadline=withdrawal.objection_deadline,
        signed_by=withdrawal.signed_by,
    )


def _revoked(event: Any) -> DecisionRevoked:
    contested = event.contested
    return DecisionRevoked(
        household_id=event.household_id,
        decision_id=event.decision_id,
        objection_id=event.objection_id,
        team_id=contested["team_id"],
        provision_code=contested["provision_code"],
        budget_line=contested["budget_line"],
        contested_kind=contested["kind"],
        revoked_on=event.revoked_on,
    )


TRANSLATIONS: dict[type, Callable[[Any], Any]] = {
    Refusal.LetterIssued: _refusal_letter,
    Decision.Withdrawn: _withdrawal_letter,  # type: ignore[attr-defined]
    Decision.Revoked: _revoked,  # type: ignore[attr-defined]
    Refusal.Revoked: _revoked,  # type: ignore[attr-defined]
}
