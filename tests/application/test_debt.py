"""Debt assistance's commands and inbox handlers, driven as its inbox and routes drive them, on each store.

A referral opens one trajectory per case whatever arrives twice, due in three working days when threatening and
four weeks otherwise; steps follow their order; an overdue first conversation is a missed term, once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from contracts.events.backoffice import DebtReferralSent
from contracts.events.debt import DebtReferralReceived, DebtTermMissed, DebtTrajectoryClosed
from contracts.events.intake import DebtConcernFlagged, HelpOffered
from kernel.clock import today
from kernel.errors import Conflict, NotFound, Refused
from services.debt.application import DebtApplication
from tests.support.application import IN_MEMORY, Positions, build, facts_of, of_type, reads, running
from wijk.settings import PlatformSettings

FRIDAY, MONDAY = date(2026, 3, 6), date(2026, 3, 2)


def flagged(household: uuid.UUID, threatening: bool, case: uuid.UUID | None = None) -> DebtConcernFlagged:
    return DebtConcernFlagged(
        household_id=household, case_id=case or uuid.uuid4(), team_id="wijkteam-haven", flagged_on=FRIDAY,
        threatening=threatening,
    )  # fmt: skip


class DebtCase:
    """The abstract case: every test runs on the store `settings` gives (POPO unless a subclass says otherwise)."""

    @pytest.fixture
    def settings(self) -> PlatformSettings:
        return IN_MEMORY

    @pytest.fixture
    def app(self, settings: PlatformSettings) -> Iterator[DebtApplication]:
        yield from running(lambda: build("debt", settings))

    def test_one_trajectory_per_case_due_in_three_working_days_or_four_weeks(self, app: DebtApplication) -> None:
        positions, household = Positions(), uuid.uuid4()
        urgent = flagged(household, threatening=True)
        arrears = HelpOffered(
            household_id=household, case_id=uuid.uuid4(), signal_id=uuid.uuid4(), team_id="wijkteam-haven",
            partner_id="woningcorporatie-almere", arrears_cents=84_000, offered_on=FRIDAY,
        )  # fmt: skip
        first = positions.next()
        app.on_debt_concern_flagged(urgent, first)
        app.on_debt_concern_flagged(urgent, positions.again(first))
        app.on_help_offered(arrears, positions.next())
        app.on_debt_concern_flagged(flagged(household, False, arrears.case_id), positions.next())  # the same case
        due = {t["source"]: t["first_conversation_due"] for t in app.trajectories(household)}
        assert due == {"intake": "2026-03-11", "arrears": "2026-04-03"}
        assert len(of_type(facts_of(app, "debt"), DebtReferralReceived)) == 2

    def test_steps_follow_their_order_to_closure(self, app: DebtApplication) -> None:
        referral = DebtReferralSent(
            household_id=uuid.uuid4(), referral_id=uuid.uuid4(), team_id="wijkteam-stad", referred_on=MONDAY,
            threatening=False,
        )  # fmt: skip
        trajectory = app.on_debt_referral_sent(referral, Positions().next())
        assert trajectory is not None
        with pytest.raises(Conflict):
            app.reach_arrangement(trajectory, "debt_settlement", date(2026, 3, 20), today())
        with pytest.raises(Refused):
            app.hold_intake(trajectory, date(2026, 2, 1), today())  # before the referral
        app.hold_intake(trajectory, date(2026, 3, 23), today())
        app.stabilise(trajectory, date(2026, 4, 20), today())
        with pytest.raises(Refused):
            app.reach_arrangement(trajectory, "a handshake", date(2026, 6, 1), today())
        app.reach_arrangement(trajectory, "debt_settlement", date(2026, 6, 1), today())
        app.close_trajectory(trajectory, "arrangement_in_place", date(2026, 6, 15), today())
        with pytest.raises(Conflict):
            app.close_trajectory(trajectory, "debt_free", date(2026, 6, 16), today())
        assert app.trajectory(trajectory)["status"] == "closed"
        [closed] = of_type(facts_of(app, "debt"), DebtTrajectoryClosed)
        assert closed.outcome == "arrangement_in_place"
        with pytest.raises(NotFound):
            app.trajectory(uuid.uuid4())

    def test_an_overdue_first_conversation_is_a_missed_term_once(
        self, app: DebtApplication, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        household = uuid.uuid4()
        trajectory = app.on_debt_concern_flagged(flagged(household, threatening=True), Positions().next())
        assert app.check_terms(date(2026, 3, 11)) == []  # on the due date it is not late yet
        assert app.check_terms(date(2026, 3, 12)) == [trajectory]
        read = reads(app, monkeypatch)
        assert app.check_terms(date(2026, 3, 20)) == []
        assert read == [], "a term recorded as missed is not read again by a later check"
        [missed] = of_type(facts_of(app, "debt"), DebtTermMissed)
        assert (missed.trajectory_id, missed.due, missed.noticed_on) == (
            trajectory,
            date(2026, 3, 11),
            date(2026, 3, 12),
        )
        assert app.trajectory(trajectory)["first_conversation_term_missed"] is True  # type: ignore[arg-type]


class TestDebtOnPOPO(DebtCase):
    pytestmark = pytest.mark.application


class TestDebtOnPostgres(DebtCase):
    pytestmark = pytest.mark.integration

    @pytest.fixture
    def settings(self, on_postgres: Callable[..., PlatformSettings]) -> PlatformSettings:
        return on_postgres("debt")
