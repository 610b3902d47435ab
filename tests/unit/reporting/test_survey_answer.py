"""Intake's survey answer (cliëntervaringsonderzoek, Wmo 2015 art. 2.5.1): a score from 1 to 10, on or after the
case opened and not in the future, one per case, published as SatisfactionRecorded."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from contracts.events.intake import SatisfactionRecorded
from kernel.errors import Refused
from services.intake.survey import SurveyAnswer, answer_id, check_answer
from services.intake.translator import translate

pytestmark = pytest.mark.unit
OPENED, TODAY = date(2025, 3, 3), date(2025, 6, 1)


@pytest.mark.parametrize("score", [1, 7, 10])
def test_a_score_from_1_to_10_between_the_opening_and_today_is_accepted(score: int) -> None:
    check_answer(score, TODAY, OPENED, TODAY)
    check_answer(score, OPENED, OPENED, TODAY)


@pytest.mark.parametrize(
    ("score", "answered_on", "problem"),
    [
        (0, TODAY, "score"),
        (11, TODAY, "score"),
        (5, date(2025, 3, 2), "before the case"),
        (5, date(2025, 6, 2), "future"),
    ],
)
def test_anything_else_is_refused(score: int, answered_on: date, problem: str) -> None:
    with pytest.raises(Refused, match=problem):
        check_answer(score, answered_on, OPENED, TODAY)


def test_one_answer_per_case_and_it_is_published_without_more_than_ids_and_the_score() -> None:
    case, household = uuid.uuid4(), uuid.uuid4()
    answer = SurveyAnswer(case_id=case, household_id=household, team_id="wijkteam-haven", score=8, answered_on=TODAY)
    assert answer.id == answer_id(case) == SurveyAnswer.create_id(case) and answer_id(uuid.uuid4()) != answer.id
    [recorded] = answer.collect_events()
    fact = translate(recorded)
    assert fact == SatisfactionRecorded(
        household_id=household, case_id=case, team_id="wijkteam-haven", score=8, answered_on=TODAY
    )
    assert fact.subject == str(household)
