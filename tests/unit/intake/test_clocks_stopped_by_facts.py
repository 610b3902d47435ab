"""Clocks stopped by the facts themselves: the personal plan recorded, the investigation reported, the beschikking
or the refusal sent; a revoked decision starts a new decision term. On the in-memory store, through intake's
handlers."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from contracts.events.backoffice import DecisionLetterIssued
from contracts.events.backoffice_cycle import DecisionRevoked, RefusalLetterIssued
from contracts.events.intake import StatutoryClockStarted, StatutoryClockStopped
from contracts.events.intake_terms import PenaltyDetermined
from contracts.events.planning import PlanDrafted
from contracts.events.planning_cycle import InvestigationReported, PersonalPlanRecorded
from services.intake.domain.case_default import PenaltyRefused
from tests.unit.intake.in_memory import InMemoryIntake

pytestmark = pytest.mark.unit
MELDING = date(2026, 3, 2)


@pytest.fixture
def app() -> InMemoryIntake:
    return InMemoryIntake()


def clocks(app: InMemoryIntake, case_id: uuid.UUID) -> dict[str, dict[str, object]]:
    return {c["clock_id"]: c for c in app.case(case_id)["clocks"]}


def letter(household: uuid.UUID, sent: date, line: str = "wmo") -> DecisionLetterIssued:
    return DecisionLetterIssued(
        household_id=household, letter_id=uuid.uuid4(), decision_id=uuid.uuid4(), provision_code="hh",
        amount_cents=1, decision_date=sent, dispatch_date=sent, objection_deadline=date(2026, 6, 30),
        kind="award", team_id="wijkteam-haven", budget_line=line,
    )  # fmt: skip


def personal_plan(household: uuid.UUID, case: uuid.UUID, offered_on: date) -> PersonalPlanRecorded:
    return PersonalPlanRecorded(
        household_id=household, plan_id=uuid.uuid4(), case_id=case, team_id="t", offered_on=offered_on,
        handed_in=False, recorded_by="j.de.vries", recorded_on=offered_on,
    )  # fmt: skip


def test_the_personal_plan_and_the_investigation_reported_stop_the_melding_terms(app: InMemoryIntake) -> None:
    household, case = app.melding(MELDING)
    app.on_personal_plan_recorded(personal_plan(household, case, date(2026, 3, 9)), app.tracking())
    reported = InvestigationReported(
        household_id=household, plan_id=uuid.uuid4(), case_id=case, team_id="t", reported_by="j.de.vries",
        reported_on=date(2026, 4, 20),
    )  # fmt: skip
    app.on_investigation_reported(reported, app.tracking())
    found = clocks(app, case)
    assert found["personal_plan"]["stopped_on"] == "2026-03-09"  # the seventh day after the melding: in time
    assert found["investigation"]["stopped_on"] == "2026-04-20"  # six weeks end 13 April: stopped, but late
    stops = [f for f in app.published() if isinstance(f, StatutoryClockStopped)]
    assert [(s.clock, s.in_time) for s in stops] == [("personal_plan", True), ("investigation", False)]


def test_the_personal_plan_term_is_missed_when_the_opportunity_came_after_seven_days(app: InMemoryIntake) -> None:
    household, case = app.melding(MELDING)
    app.on_personal_plan_recorded(personal_plan(household, case, date(2026, 3, 10)), app.tracking())
    stops = [f for f in app.published() if isinstance(f, StatutoryClockStopped)]
    assert [(s.clock, s.stopped_on, s.in_time) for s in stops] == [("personal_plan", date(2026, 3, 10), False)]


def test_the_team_plan_drafted_at_the_melding_no_longer_stops_the_personal_plan_term(app: InMemoryIntake) -> None:
    """Planning drafts its plan the moment the case opens: a term stopped by it would be met on day 0, always."""
    household, case = app.melding(MELDING)
    assert not hasattr(app, "on_plan_drafted")
    drafted = PlanDrafted(household_id=household, plan_id=uuid.uuid4(), case_id=case, team_id="t", coordinator="c")
    assert drafted.case_id == case
    assert clocks(app, case)["personal_plan"]["stopped_on"] is None


def test_the_beschikking_sent_stops_the_oldest_decision_term_of_its_domain(app: InMemoryIntake) -> None:
    household, case = app.melding(MELDING)
    first = app.receive_application(case, "wmo", date(2026, 4, 13))
    youth = app.receive_application(case, "youth", date(2026, 4, 14))
    second = app.receive_application(case, "wmo", date(2026, 4, 15))
    app.on_letter_issued(letter(household, date(2026, 4, 27)), app.tracking())
    found = clocks(app, case)
    assert found[f"decision:{first.application_id}"]["stopped_on"] == "2026-04-27"
    assert found[f"decision:{second.application_id}"]["stopped_on"] is None
    assert found[f"decision:{youth.application_id}"]["stopped_on"] is None
    refusal = RefusalLetterIssued(
        household_id=household, letter_id=uuid.uuid4(), decision_id=uuid.uuid4(), plan_id=uuid.uuid4(),
        team_id="wijkteam-haven", provision_code="jeugd", budget_line="youth", legal_ground="no_need",
        decision_date=date(2026, 5, 1), dispatch_date=date(2026, 5, 1), objection_deadline=date(2026, 6, 12),
        signed_by="j.de.vries",
    )  # fmt: skip
    app.on_letter_issued(refusal, app.tracking())
    assert clocks(app, case)[f"decision:{youth.application_id}"]["stopped_on"] == "2026-05-01"


def test_a_letter_for_the_discretionary_budget_or_without_an_aanvraag_stops_nothing(app: InMemoryIntake) -> None:
    household, case = app.melding(MELDING)
    app.on_letter_issued(letter(household, date(2026, 3, 10), "discretionary"), app.tracking())
    app.on_letter_issued(letter(household, date(2026, 3, 10)), app.tracking())
    assert all(c["stopped_on"] is None for c in clocks(app, case).values())


def test_an_upheld_bezwaar_starts_a_new_decision_term_that_the_next_letter_stops(app: InMemoryIntake) -> None:
    household, case = app.melding(MELDING)
    objection = uuid.uuid4()
    revoked = DecisionRevoked(
        household_id=household, decision_id=uuid.uuid4(), objection_id=objection, team_id="wijkteam-haven",
        provision_code="hh", budget_line="wmo", contested_kind="refusal", revoked_on=date(2026, 5, 4),
    )  # fmt: skip
    app.on_decision_revoked(revoked, app.tracking())
    started = [f for f in app.published() if isinstance(f, StatutoryClockStarted) and f.clock == "decision"]
    assert len(started) == 1 and started[0].due_on == date(2026, 5, 18)  # two weeks (Wmo 2015 art. 2.3.5)
    app.on_letter_issued(letter(household, date(2026, 5, 12)), app.tracking())
    assert clocks(app, case)[started[0].clock_id]["stopped_on"] == "2026-05-12"


def test_the_dwangsom_through_the_application_from_notice_to_determination(app: InMemoryIntake) -> None:
    household, case = app.melding(MELDING)
    clock = f"decision:{app.receive_application(case, 'wmo', date(2026, 4, 13)).application_id}"
    with pytest.raises(PenaltyRefused, match="no notice of default"):
        app.determine_penalty(case, clock, "m.bakker", date(2026, 5, 1))
    notice = app.receive_notice_of_default(case, clock, date(2026, 4, 29))
    assert (notice["penalty_from"], notice["penalty_cap_on"]) == ("2026-05-14", "2026-06-24")
    app.on_letter_issued(letter(household, date(2026, 6, 1)), app.tracking())
    penalty = app.determine_penalty(case, clock, "m.bakker", date(2026, 6, 2))
    assert (penalty["days"], penalty["amount_cents"]) == (18, 14 * 2300 + 4 * 3500)
    fact = app.published()[-1]
    assert isinstance(fact, PenaltyDetermined) and str(fact.penalty_id) == penalty["penalty_id"]
    with pytest.raises(PenaltyRefused, match="already determined"):
        app.determine_penalty(case, clock, "m.bakker", date(2026, 6, 3))


def test_a_suspended_and_resumed_term_reads_back_with_its_new_last_day(app: InMemoryIntake) -> None:
    _, case = app.melding(MELDING)
    clock = f"decision:{app.receive_application(case, 'wmo', date(2026, 4, 13)).application_id}"
    app.suspend_clock(case, clock, "incomplete_application", date(2026, 4, 16))
    assert app.resume_clock(case, clock, date(2026, 4, 25)) == date(2026, 5, 6)
    assert clocks(app, case)[clock]["due_on"] == "2026-05-06"
