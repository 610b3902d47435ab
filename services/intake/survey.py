"""Client satisfaction: a resident's answer to the client-experience survey (cliëntervaringsonderzoek).

Wmo 2015 art. 2.5.1 obliges the college to survey clients' experience every year (LAW.md §3.2); Blenk asks for
satisfaction that is measured per team, not claimed. One answer per case: a score from 1 to 10, recorded as its
own small aggregate (`domain.survey.SurveyAnswer`) and published as `SatisfactionRecorded`. The score is no
personal data beyond the pseudonymous household id the case carries.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from kernel.errors import Conflict, Refused
from services.intake.base import Intake
from services.intake.domain.survey import SurveyAnswer, answer_id

LOWEST, HIGHEST = 1, 10


class AlreadyAnswered(Conflict):
    """The case's resident already answered the survey: an answer is a fact and is not overwritten."""


def check_answer(score: int, answered_on: date, opened_on: date, today: date) -> None:
    """A score from 1 to 10, given on or after the case opened and not in the future (Refused otherwise)."""
    if not LOWEST <= score <= HIGHEST:
        raise Refused(f"score must be from {LOWEST} to {HIGHEST}, not {score}")
    if answered_on < opened_on:
        raise Refused(f"answered_on {answered_on} lies before the case opened ({opened_on})")
    if answered_on > today:
        raise Refused(f"answered_on {answered_on} lies in the future")


def record_satisfaction(intake: Intake, case_id: UUID, score: int, answered_on: date, today: date) -> UUID:
    """Record the case's one survey answer; 404 for an unknown case, 410 when its household was erased."""
    case = intake.get_case(case_id)
    intake.present_household(case.household_id)
    check_answer(score, answered_on, case.opened_on, today)
    if answer_id(case_id) in intake.repository:
        raise AlreadyAnswered(f"case {case_id} already has a satisfaction answer")
    answer = SurveyAnswer(
        case_id=case_id, household_id=case.household_id, team_id=case.team_id, score=score, answered_on=answered_on
    )
    intake.save(answer)
    return answer.id
