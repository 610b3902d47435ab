"""Releases on cancellation, on a provider's refusal and on the end of care, through budget's handlers on an
in-memory store: what is still reserved goes back to the line once; a refusal or a stop that arrives before the
assignment waits for it."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from contracts.events.backoffice import ProviderAssigned
from contracts.events.care import AssignmentRefused, CareStopped
from contracts.events.planning import DecisionCancelled
from services.budget.domain.budget_line import BudgetLine, YearAlreadyClosed
from services.budget.domain.claim import Claim
from services.budget.domain.commitment import Commitment, PendingRelease, pending_release_id
from tests.unit.budget.claims import TEAM, InMemoryBudget, claim

pytestmark = pytest.mark.unit
CANCELLED_ON, REFUSED_ON, STOPPED_ON = date(2026, 5, 4), date(2026, 4, 10), date(2026, 9, 30)


def reserved(amount: int = 3_000) -> tuple[InMemoryBudget, Claim]:
    """10,000 cents allocated, `amount` reserved for one decision, as `on_decision_taken` would leave it."""
    app, wanted = InMemoryBudget(), claim(amount)
    budget = BudgetLine(TEAM, 2026, "wmo", 10_000)
    budget.claim(wanted)
    commitment = Commitment(wanted.decision_id, wanted.household_id, TEAM, 2026, "wmo")
    app.save(budget, commitment)
    return app, wanted


def cancelled(wanted: Claim, decision_id: uuid.UUID | None = None) -> DecisionCancelled:
    return DecisionCancelled(
        household_id=wanted.household_id,
        plan_id=wanted.plan_id,
        decision_id=decision_id or wanted.decision_id,
        team_id=TEAM,
        cancelled_by="t.visser",
        reason="the household moved away",
        cancelled_on=CANCELLED_ON,
    )


def assigned(wanted: Claim, assignment_id: uuid.UUID) -> ProviderAssigned:
    fields: dict[str, Any] = {"product_code": "02A01", "volume": 4, "unit": "04", "frequency": "2"}
    return ProviderAssigned(
        household_id=wanted.household_id,
        assignment_id=assignment_id,
        decision_id=wanted.decision_id,
        provider_id="zorgaanbieder-thuis",
        period_start=wanted.period_start,
        period_end=wanted.period_end,
        **fields,
    )


def refused(wanted: Claim, assignment_id: uuid.UUID) -> AssignmentRefused:
    return AssignmentRefused(
        household_id=wanted.household_id,
        assignment_id=assignment_id,
        provider_id="zorgaanbieder-thuis",
        reason="no_capacity",
        refused_on=REFUSED_ON,
    )


def stopped(wanted: Claim, assignment_id: uuid.UUID, reason_code: str = "19") -> CareStopped:
    return CareStopped(
        household_id=wanted.household_id,
        assignment_id=assignment_id,
        provider_id="zorgaanbieder-thuis",
        end_date=STOPPED_ON,
        reason_code=reason_code,
    )


def test_a_cancellation_releases_the_reservation_and_says_who_and_when_not_why() -> None:
    app, wanted = reserved(3_000)
    app.on_decision_cancelled(cancelled(wanted), app.tracking())
    line = app.wmo()
    assert (line.reserved_cents, line.released_cents, line.remaining_cents) == (0, 3_000, 10_000)
    [fact] = app.released()
    assert (fact.decision_id, fact.amount_cents, fact.released_on) == (wanted.decision_id, 3_000, CANCELLED_ON)
    assert fact.reason == "decision cancelled on 2026-05-04 by t.visser"  # the free-text reason stays in planning


def test_a_cancellation_after_a_payment_releases_only_what_is_still_reserved() -> None:
    app, wanted = reserved(3_000)
    line = app.wmo()
    line.spend(wanted.household_id, wanted.decision_id, uuid.uuid4(), 1_000, date(2026, 4, 30))
    app.save(line)
    app.on_decision_cancelled(cancelled(wanted), app.tracking())
    line = app.wmo()
    assert (line.spent_cents, line.reserved_cents, line.released_cents, line.remaining_cents) == (
        1_000,
        0,
        2_000,
        9_000,
    )


def test_a_cancellation_is_released_once_however_often_it_arrives() -> None:
    app, wanted = reserved(3_000)
    first = app.tracking()
    app.on_decision_cancelled(cancelled(wanted), first)
    app.on_decision_cancelled(cancelled(wanted), first)  # redelivered
    app.on_decision_cancelled(cancelled(wanted), app.tracking())  # republished as a new fact
    assert len(app.released()) == 1 and app.wmo().released_cents == 3_000


def test_cancelling_a_decision_budget_never_reserved_changes_nothing_but_is_recorded() -> None:
    app, wanted = reserved(3_000)
    tracking = app.tracking()
    app.on_decision_cancelled(cancelled(wanted, decision_id=uuid.uuid4()), tracking)  # escalated, or refused
    assert app.already_processed(tracking)
    assert app.released() == [] and app.wmo().reserved_cents == 3_000


def test_a_cancellation_on_a_closed_year_with_money_still_reserved_is_refused() -> None:
    app, wanted = reserved(3_000)
    line = app.wmo()
    line.close(date(2027, 1, 10))
    app.save(line)
    with pytest.raises(YearAlreadyClosed):  # main.refusing dead-letters it with this reason
        app.on_decision_cancelled(cancelled(wanted), app.tracking())


def test_a_refusal_of_a_known_assignment_releases_the_reservation() -> None:
    app, wanted = reserved(3_000)
    assignment_id = uuid.uuid4()
    app.on_provider_assigned(assigned(wanted, assignment_id), app.tracking())
    app.on_assignment_refused(refused(wanted, assignment_id), app.tracking())
    [fact] = app.released()
    assert (fact.amount_cents, fact.released_on) == (3_000, REFUSED_ON)
    assert fact.reason == "assignment refused by zorgaanbieder-thuis on 2026-04-10 (no_capacity)"
    assert app.wmo().remaining_cents == 10_000
    assert pending_release_id(assignment_id) not in app.repository


def test_a_refusal_before_its_assignment_waits_and_the_assignment_releases_it_once() -> None:
    app, wanted = reserved(3_000)
    assignment_id = uuid.uuid4()
    early = app.tracking()
    app.on_assignment_refused(refused(wanted, assignment_id), early)
    app.on_assignment_refused(refused(wanted, assignment_id), app.tracking())  # republished: parked once
    assert app.already_processed(early) and app.wmo().reserved_cents == 3_000 and app.released() == []
    pending: PendingRelease = app.repository.get(pending_release_id(assignment_id))
    assert (pending.settled, pending.version) == (False, 1)

    app.on_provider_assigned(assigned(wanted, assignment_id), app.tracking())
    app.on_provider_assigned(assigned(wanted, assignment_id), app.tracking())  # republished: released once
    [fact] = app.released()
    assert (fact.amount_cents, fact.released_on, fact.decision_id) == (3_000, REFUSED_ON, wanted.decision_id)
    assert app.wmo().remaining_cents == 10_000
    assert app.repository.get(pending_release_id(assignment_id)).settled


def test_the_end_of_care_releases_what_is_still_reserved() -> None:
    app, wanted = reserved(3_000)
    assignment_id = uuid.uuid4()
    app.on_provider_assigned(assigned(wanted, assignment_id), app.tracking())
    app.on_care_stopped(stopped(wanted, assignment_id, reason_code="20"), app.tracking())  # temporary: kept
    assert app.released() == []
    app.on_care_stopped(stopped(wanted, assignment_id), app.tracking())
    [fact] = app.released()
    assert (fact.amount_cents, fact.released_on) == (3_000, STOPPED_ON)
    assert fact.reason == "care stopped on 2026-09-30 (reden beëindiging 19)"


def test_a_stop_before_its_assignment_waits_instead_of_dead_lettering_and_is_released_once() -> None:
    app, wanted = reserved(3_000)
    assignment_id = uuid.uuid4()
    early = app.tracking()
    app.on_care_stopped(stopped(wanted, assignment_id), early)  # care's topic overtook backoffice's
    assert app.already_processed(early) and app.released() == [] and app.wmo().reserved_cents == 3_000

    app.on_provider_assigned(assigned(wanted, assignment_id), app.tracking())
    app.on_provider_assigned(assigned(wanted, assignment_id), app.tracking())  # republished: released once
    [fact] = app.released()
    assert (fact.amount_cents, fact.released_on, fact.decision_id) == (3_000, STOPPED_ON, wanted.decision_id)
    assert fact.reason == "care stopped on 2026-09-30 (reden beëindiging 19)"
    assert app.wmo().remaining_cents == 10_000
