"""A resident's answer to the client-experience survey (cliëntervaringsonderzoek), one per case.

Its own small aggregate: the id is derived from the case, so a retried request cannot create a twin. Until this
class lived in `services.intake.survey`; answers stored then carry that topic, which resolves to this class.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event
from eventsourcing.utils import register_topic

NAMESPACE = uuid.UUID("5a7e1c0b-3f2d-4e8a-9b6c-1d2e3f4a5b6c")
FORMER_TOPIC = "services.intake.survey:SurveyAnswer"


def answer_id(case_id: UUID) -> UUID:
    return uuid.uuid5(NAMESPACE, f"satisfaction|{case_id}")


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


register_topic(FORMER_TOPIC, SurveyAnswer)
register_topic(f"{FORMER_TOPIC}.Recorded", SurveyAnswer.Recorded)  # type: ignore[attr-defined]
