"""Terms judged on time, late, missed or running; debts found how early; signals, support, feedback, satisfaction."""

from __future__ import annotations

from datetime import date

import pytest

from services.reporting.figures_cases import (
    client_support,
    debt_section,
    feedback,
    how_early,
    satisfaction_section,
    signal_section,
    term_section,
    term_status,
    topic_partner_type,
)

pytestmark = pytest.mark.unit
DAY = date(2025, 6, 1)


def term(clock: str = "investigation", stopped: date | None = None, in_time: bool | None = None, **more: object):
    row = {
        "team_id": "haven", "clock": clock, "subject_id": "c1", "clock_id": clock, "started_on": date(2025, 3, 1),
        "due_on": date(2025, 4, 12), "stopped_on": stopped, "in_time": in_time, "missed_recorded": False,
        "legal_basis": "Wmo 2015 art. 2.3.2 lid 1",
    }  # fmt: skip
    return {**row, **more}


def test_a_term_is_judged_by_its_stop_or_else_by_its_last_day() -> None:
    assert term_status(term(stopped=date(2025, 4, 1), in_time=True), DAY) == "on_time"
    assert term_status(term(stopped=date(2025, 4, 20), in_time=False), DAY) == "late"
    assert term_status(term(), DAY) == "missed"
    assert term_status(term(due_on=date(2025, 7, 1)), DAY) == "running"
    assert term_status(term(due_on=date(2025, 7, 1), missed_recorded=True), DAY) == "missed"


def test_a_suspended_term_stands_still_and_a_moved_one_is_judged_by_its_latest_last_day() -> None:
    """Awb 4:15: a term suspended (and not resumed) cannot be missed; the query gives a resumed or extended term
    the latest last day it was given, by which it is judged."""
    assert term_status(term(suspended=True), DAY) == "running"
    assert term_status(term(suspended=True, stopped=date(2025, 6, 20), in_time=True), DAY) == "on_time"
    assert term_status(term(suspended=False, due_on=date(2025, 6, 10)), DAY) == "running"


def test_terms_are_summarised_per_clock_with_the_share_on_time_and_median_days() -> None:
    rows = [
        term(stopped=date(2025, 3, 11), in_time=True),
        term(stopped=date(2025, 3, 31), in_time=True),
        term(stopped=date(2025, 5, 1), in_time=False),
        term(due_on=date(2025, 7, 1)),
        term("debt_first_conversation"),
    ]
    section = term_section(rows, DAY)
    investigation, debt = section.summaries
    assert (investigation.started, investigation.on_time, investigation.late, investigation.running) == (4, 2, 1, 1)
    assert investigation.share_on_time == 0.6667 and investigation.median_days == 30.0
    assert (debt.clock, debt.missed, debt.share_on_time, debt.median_days) == ("debt_first_conversation", 1, 0.0, None)
    assert [(t.clock, t.status) for t in section.missed] == [
        ("investigation", "late"),
        ("debt_first_conversation", "missed"),
    ]


BUCKETS = [(0, "same_day"), (1, "within_week"), (7, "within_week"), (8, "within_six_weeks"), (42, "within_six_weeks")]


@pytest.mark.parametrize(("days", "bucket"), [*BUCKETS, (43, "later")])
def test_how_early_a_debt_was_found(days: int, bucket: str) -> None:
    assert how_early(days) == bucket


def test_the_share_of_cases_with_debts_per_team_and_in_total() -> None:
    melding = date(2025, 3, 1)
    rows = [
        {"team_id": "haven", "melding_on": melding, "flagged_on": date(2025, 3, 1), "threatening": True},
        {"team_id": "haven", "melding_on": melding, "flagged_on": date(2025, 3, 11), "threatening": False},
        {"team_id": "haven", "melding_on": melding, "flagged_on": None, "threatening": False},
        {"team_id": "stad", "melding_on": melding, "flagged_on": None, "threatening": False},
    ]
    section = debt_section(rows)
    assert (section.total.cases, section.total.with_debts, section.total.share_with_debts) == (4, 2, 0.5)
    assert section.total.found == {"same_day": 1, "within_week": 0, "within_six_weeks": 1, "later": 0}
    assert section.total.median_days_to_found == 5.0 and section.total.threatening == 1
    assert [(t.team_id, t.share_with_debts) for t in section.teams] == [("haven", 0.6667), ("stad", 0.0)]


def test_signals_per_partner_type_and_district_and_refusals_per_topic() -> None:
    received = [
        {"partner_id": "woonstad", "district": "Haven", "kind": "payment_arrears", "received": 2, "new_households": 1},
        {"partner_id": "school", "district": "", "kind": "concern", "received": 1, "new_households": 0},
    ]
    types = {"woonstad": "housing", "school": "school"}.get
    section = signal_section(
        received, [{"partner_id": "woonstad", "offers": 2}],
        [{"signal_topic": "nl.wijkteam.partner.gp.signals", "rejected": 3}, {"signal_topic": "odd", "rejected": 1},
         {"signal_topic": "nl.wijkteam.partner.woonstad.signals", "rejected": 2}],
        lambda partner: types(partner) or "unknown",
    )  # fmt: skip
    assert section.per_partner_type == {"housing": 2, "school": 1}
    assert section.per_district == {"Haven": 2, "onbekend": 1}
    assert section.help_offered == {"housing": 2} and section.rejected == {"gp": 3, "housing": 2, "unknown": 1}
    assert topic_partner_type("nl.wijkteam.partner.energy.signals") == "energy"  # a former per-type topic
    assert topic_partner_type("nl.wijkteam.partner.woonstad.signals", lambda p: types(p) or "unknown") == "housing"
    assert topic_partner_type("nl.wijkteam.partner.stranger.signals") == "unknown"


def test_support_feedback_and_satisfaction_shares() -> None:
    [support] = client_support(
        [{"team_id": "haven", "cases": 4, "offered": 3, "volunteer": 1, "professional": 1, "declined": 1}]
    )
    [fits] = feedback([{"team_id": "haven", "provider_id": "zorg-1", "feedback": 4, "plan_fits": 3}])
    scores = satisfaction_section(
        [{"team_id": "haven", "score": 8, "answers": 2}, {"team_id": "haven", "score": 5, "answers": 1},
         {"team_id": "stad", "score": 10, "answers": 1}]
    )  # fmt: skip
    assert support.share_offered == 0.75 and fits.share_fits == 0.75
    assert (scores.total.answers, scores.total.average, scores.total.share_satisfied) == (4, 7.8, 0.75)
    assert scores.teams[0].scores == {5: 1, 8: 2} and satisfaction_section([]).total.average is None
