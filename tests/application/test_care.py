"""The reference provider's commands and inbox handler, driven as its inbox and routes drive them, on each store.

An assignment for a provider that answers by itself is accepted and started, once whatever the backoffice sends
twice; one for a provider it does not serve is rejected without a fact; a provider that answers by hand accepts,
starts, declares within its assignment and stops; a stranger's attempt is refused and recorded as a fact.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest

from contracts.events.backoffice import ProviderAssigned
from contracts.events.care import (
    AssignmentAccepted,
    CareDeclared,
    CareStarted,
    CareStopped,
    PlanFeedbackGiven,
    ProviderActionRejected,
)
from contracts.sealed import SealedText
from kernel.clock import today
from kernel.errors import Conflict, Forbidden, NotFound, Refused
from services.care.application import CareApplication
from services.care.domain.declaration import Claim
from tests.support.application import IN_MEMORY, Positions, build, facts_of, of_type, running
from wijk.household_keys import ERASED_TEXT, unseal
from wijk.settings import PlatformSettings

AUTO, MANUAL, ELSEWHERE = "zorg-flevoland", "thuiszorg-almere", "zorg-elders"
APRIL, SEPTEMBER = date(2026, 4, 1), date(2026, 9, 30)


def assigned(provider_id: str, start: date = APRIL, end: date = SEPTEMBER) -> ProviderAssigned:
    return ProviderAssigned(
        household_id=uuid.uuid4(),
        assignment_id=uuid.uuid4(),
        decision_id=uuid.uuid4(),
        provider_id=provider_id,
        product_code="01A01",
        volume=2,
        unit="04",
        frequency="2",
        period_start=start,
        period_end=end,
    )


class CareCase:
    """The abstract case: every test runs on the store `settings` gives (POPO unless a subclass says otherwise)."""

    @pytest.fixture
    def settings(self) -> PlatformSettings:
        return IN_MEMORY

    @pytest.fixture
    def app(self, settings: PlatformSettings) -> Iterator[CareApplication]:
        yield from running(lambda: build("care", settings))

    def test_an_own_assignment_starts_once_and_a_strangers_is_rejected_silently(self, app: CareApplication) -> None:
        positions = Positions()
        own = assigned(AUTO, today() - timedelta(days=7), today() + timedelta(days=180))
        other = assigned(ELSEWHERE)
        first = positions.next()
        app.on_provider_assigned(own, first, today())
        app.on_provider_assigned(own, positions.again(first), today())
        app.on_provider_assigned(own, positions.next(), today())  # republished under another position
        app.on_provider_assigned(other, positions.next(), today())
        started = app.assignment(own.assignment_id)
        assert (started["status"], started["start_date"]) == ("started", today().isoformat())  # begun last week
        rejected = app.assignment(other.assignment_id)
        assert rejected["status"] == "rejected" and ELSEWHERE in rejected["rejection_reason"]
        assert [a["assignment_id"] for a in app.assignments(AUTO)] == [str(own.assignment_id)]
        assert [type(f) for f in facts_of(app, "care")] == [AssignmentAccepted, CareStarted]
        with pytest.raises(NotFound):
            app.assignment(uuid.uuid4())

    def test_a_provider_answering_by_hand_starts_declares_and_stops(self, app: CareApplication) -> None:
        order = assigned(MANUAL)
        app.on_provider_assigned(order, Positions().next(), today())
        with pytest.raises(Conflict):
            app.start(order.assignment_id, MANUAL, date(2026, 4, 6), today())  # not accepted yet
        app.accept(order.assignment_id, MANUAL, today())
        app.start(order.assignment_id, MANUAL, date(2026, 4, 6), today())
        declared = app.declare(order.assignment_id, MANUAL, Claim(date(2026, 4, 6), date(2026, 5, 3), 8), today())
        assert declared["amount_cents"] == 8 * 3395
        with pytest.raises(Refused, match="outside the assignment period"):
            app.declare(order.assignment_id, MANUAL, Claim(date(2026, 10, 1), date(2026, 10, 31), 1), today())
        app.stop(order.assignment_id, MANUAL, date(2026, 6, 30), "19", today())
        with pytest.raises(Conflict):
            app.stop(order.assignment_id, MANUAL, date(2026, 6, 30), "19", today())
        state = app.assignment(order.assignment_id)
        assert (state["status"], state["declared_volume"], state["end_reason"]) == ("stopped", 8, "19")
        facts = facts_of(app, "care")
        assert [f.volume for f in of_type(facts, CareDeclared)] == [8]
        assert [f.reason_code for f in of_type(facts, CareStopped)] == ["19"]

    def test_a_strangers_attempt_is_refused_and_recorded(self, app: CareApplication) -> None:
        order = assigned(MANUAL)
        app.on_provider_assigned(order, Positions().next(), today())
        with pytest.raises(Forbidden, match="may not act"):
            app.accept(order.assignment_id, AUTO, today())
        with pytest.raises(Forbidden):
            app.accept(order.assignment_id, ELSEWHERE, today())
        rejected = of_type(facts_of(app, "care"), ProviderActionRejected)
        assert [(r.acting_provider_id, r.action) for r in rejected] == [(AUTO, "acceptance"), (ELSEWHERE, "acceptance")]
        assert app.assignment(order.assignment_id)["status"] == "received"

    def test_a_providers_remarks_are_sealed_in_the_store_and_the_fact_and_erased_with_the_household(
        self, app: CareApplication
    ) -> None:
        order = assigned(MANUAL)
        app.on_provider_assigned(order, Positions().next(), today())
        app.accept(order.assignment_id, MANUAL, today())
        app.give_feedback(order.assignment_id, MANUAL, False, "Anna Jansen drinkt weer, BSN 999990019", today())
        stored = app.recorder.select_notifications(1, 100)
        assert all(b"999990019" not in n.state for n in stored), "the store holds the remarks sealed"
        [feedback] = of_type(facts_of(app, "care"), PlanFeedbackGiven)
        assert isinstance(feedback.remarks, SealedText) and "999990019" not in feedback.model_dump_json()
        assert app.text_keys is not None
        assert unseal(app.text_keys, order.household_id, feedback.remarks) == "Anna Jansen drinkt weer, BSN 999990019"

        app.text_keys.destroy(order.household_id, today())  # what intake's erasure does
        assert app.readable_text(order.household_id, feedback.remarks) == ERASED_TEXT
        assert app.assignment(order.assignment_id)["status"] == "accepted", "the assignment still loads"


class TestCareOnPOPO(CareCase):
    pytestmark = pytest.mark.application


class TestCareOnPostgres(CareCase):
    pytestmark = pytest.mark.integration

    @pytest.fixture
    def settings(self, on_postgres: Callable[..., PlatformSettings]) -> PlatformSettings:
        return on_postgres("care")
