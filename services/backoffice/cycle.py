"""The backoffice's commands and inbox handlers of the law cycle (issue 17): the refusal beschikking, the
withdrawal or change of an executed decision, and a bezwaar whose outcome revokes what it contests. Functions on
the application, which calls them; each ends in one save."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast
from uuid import UUID, uuid5

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import Tracking

from contracts.events.planning import DecisionCancelled
from contracts.events.planning_cycle import DecisionRefused
from kernel.errors import NotFound
from services.backoffice.domain.beschikking import CHANGE, WITHDRAWAL, RefusedRequest, Withdrawal
from services.backoffice.domain.beschikking import contested_of as contested_fields
from services.backoffice.domain.cancelled import CancelledBeforeExecution, cancelled_key
from services.backoffice.domain.decision import NAMESPACE, Decision, decision_key
from services.backoffice.domain.objection import Excusability, Objection
from services.backoffice.domain.refusal import Refusal
from services.backoffice.terms import objection_deadline, weeks_after

if TYPE_CHECKING:
    from services.backoffice.application import BackofficeApplication


def on_decision_refused(app: BackofficeApplication, event: DecisionRefused, tracking: Tracking, today: date) -> None:
    """The team refused: send the refusal beschikking today, with its bezwaartermijn."""
    if app.already_processed(tracking):
        return
    if decision_key(event.decision_id) in app.repository:
        app.record_processed(tracking)  # the same refusal, republished under another position
        return
    refusal = Refusal(refused_request(event, app.readable_text(event.household_id, event.reasons)))
    terms = app.catalogue.provision(event.provision_code)
    refusal.issue_letter(today, terms.name, app.catalogue.municipality, objection_deadline(today))
    app.record_processed(tracking, refusal)


def refused_request(event: DecisionRefused, reasons: str) -> RefusedRequest:
    """The refusal with its reasons as the letter prints them (unsealed; sealed again in the store)."""
    return RefusedRequest(
        event.decision_id, event.household_id, event.plan_id, event.team_id, event.provision_code, event.budget_line,
        event.requested_amount_cents, event.period_start, event.period_end, event.refused_by, event.refused_on,
        event.on_behalf_of, event.legal_ground, event.legal_basis, reasons,
    )  # fmt: skip


def on_decision_cancelled(
    app: BackofficeApplication, event: DecisionCancelled, tracking: Tracking, today: date
) -> None:
    """Withdraw (or change, when a new decision replaces it) the beschikking of an executed decision; a decision
    not executed yet is marked, so its late reservation sends nothing."""
    if app.already_processed(tracking):
        return
    found = find(app, decision_key(event.decision_id))
    if found is None:
        known = cancelled_key(event.decision_id) in app.repository  # the same cancellation, republished
        mark = None if known else CancelledBeforeExecution(event.decision_id, event.cancelled_on)
        app.record_processed(tracking, mark)
        return
    if not isinstance(found, Decision) or found.withdrawal is not None or found.revoked_on is not None:
        app.record_processed(tracking)  # a refusal is not withdrawn; a decision is withdrawn or revoked once
        return
    found.withdraw(withdrawal_of(event, app.readable_text(event.household_id, event.reason), today))
    app.record_processed(tracking, found)


def withdrawal_of(event: DecisionCancelled, reason: str, today: date) -> Withdrawal:
    """The letter, with the team's reason as it prints it (unsealed; sealed again in the store)."""
    dispatch = max(today, event.cancelled_on)
    kind = CHANGE if event.replaced_by is not None else WITHDRAWAL
    return Withdrawal(
        uuid5(NAMESPACE, f"withdrawal:{event.decision_id}"), kind, event.replaced_by, event.cancelled_on, dispatch,
        objection_deadline(dispatch), event.cancelled_by, reason,
    )  # fmt: skip


def lodge_objection(
    app: BackofficeApplication,
    decision_id: UUID,
    grounds: str,
    advisory_committee: bool,
    today: date,
    judgement: Excusability | None,
) -> UUID:
    contested = app.contested(decision_id)
    fields = contested_fields(contested)
    objection = Objection.lodge(
        decision_id, contested.household_id, today, grounds, contested.objection_deadline, contested.decided_by,
        weeks_after, advisory_committee, judgement,
        (fields["team_id"], fields["provision_code"], fields["budget_line"], fields["kind"]),
    )  # fmt: skip
    contested.register_objection(objection.id)
    app.save(contested, objection)
    return cast(UUID, objection.id)


def decide_objection(
    app: BackofficeApplication,
    objection: Objection,
    outcome: str,
    decided_by: str,
    reasons: str,
    today: date,
    ground: str,
) -> None:
    """Decide the bezwaar; gegrond (wholly or in part) revokes the contested beschikking in the same save."""
    objection.decide(outcome, decided_by, today, reasons, ground, objection_deadline(today))
    contested = app.contested(objection.decision_id)
    if objection.revokes:
        contested.revoke(objection.id, today)
    app.save(objection, contested)


def find(app: BackofficeApplication, aggregate_id: UUID) -> Decision | Refusal | None:
    try:
        found: object = app.repository.get(aggregate_id)
    except AggregateNotFoundError:
        return None
    return found if isinstance(found, Decision | Refusal) else None


def contested(app: BackofficeApplication, decision_id: UUID) -> Decision | Refusal:
    found = find(app, decision_key(decision_id))
    if found is None:
        raise NotFound(f"the backoffice sent no beschikking for decision {decision_id}")
    return found
