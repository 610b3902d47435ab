"""Client satisfaction: a resident's answer to the client-experience survey (cliëntervaringsonderzoek).

Wmo 2015 art. 2.5.1 obliges the college to survey clients' experience every year (LAW.md §3.2); Blenk asks for
satisfaction that is measured per team, not claimed. One answer per case: a score from 1 to 10, recorded as its
own small aggregate (id derived from the case, so a retried request cannot create a twin) and published as
`SatisfactionRecorded`. The score is no personal data beyond the pseudonymous household id the case carries.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from contracts.events.intake import SatisfactionRecorded
from kernel.errors import Conflict, Refused
from services.intake.base import IntakeBase
from services.intake.translator import translate

NAMESPACE = uuid.UUID("5a7e1c0b-3f2d-4e8a-9b6c-1d2e3f4a5b6c")
LOWEST, HIGHEST = 1, 10


class AlreadyAnswered(Conflict):
    """The case's resident already answered the survey: an answer is a fact and is not overwritten."""


def answer_id(case_id: UUID) -> UUID:
    return uuid.uuid5(NAMESPACE, f"satisfaction|{case_id}")


def check_answer(score: int, answered_on: date, opened_on: date, today: date) -> None:
    """A score from 1 to 10, given on or after the case opened and not in the future (Refused otherwise)."""
    if not LOWEST <= score <= HIGHEST:
        raise Refused(f"score must be from {LOWEST} to {HIGHEST}, not {score}")
    if answered_on < opened_on:
        raise Refused(f"answered_on {answered_on} lies before the case opened ({opened_on})")
    if answered_on > today:
        raise Refused(f"answered_on {answered_on} lies in the future")


class SurveyAnswer(Aggregate):
    """One resident's satisfaction with the support of the case's team."""

    @staticmethod
    def create_id(case_id: UUID, **_: Any) -> UUID:
        return answer_id(case_id)

    @event("Recorded")
    def __init__(self, case_id: UUID, household_id: UUID, team_id: str, score: int, answered_on: date) -> None:
        self.case_id = case_id
        self.household_id = household_id
        self.team_id = team_id
        self.score = score
        self.answered_on = answered_on


@translate.register(SurveyAnswer.Recorded)  # type: ignore[attr-defined]
def _(event: Any) -> SatisfactionRecorded:
    return SatisfactionRecorded(
        household_id=event.household_id,
        case_id=event.case_id,
        team_id=event.team_id,
        score=event.score,
        answered_on=event.answered_on,
    )


class SurveyCommands(IntakeBase):
    def record_satisfaction(self, case_id: UUID, score: int, answered_on: date, today: date) -> UUID:
        """Record the case's one survey answer; 404 for an unknown case, 410 when its household was erased."""
        case = self.get_case(case_id)
        self.present_household(case.household_id)
        check_answer(score, answered_on, case.opened_on, today)
        if answer_id(case_id) in self.repository:
            raise AlreadyAnswered(f"case {case_id} already has a satisfaction answer")
        answer = SurveyAnswer(
            case_id=case_id, household_id=case.household_id, team_id=case.team_id, score=score, answered_on=answered_on
        )
        self.save(answer)
        return answer.id
