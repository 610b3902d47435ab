"""The bases of every published fact."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field


class IntegrationEvent(BaseModel):
    """A fact as partners see it. Inside a version, fields are only ever added, and only as optional."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    type: ClassVar[str]
    """Reverse-DNS CloudEvents type with its version, e.g. `nl.wijkteam.intake.case-opened.v1`."""
    topic: ClassVar[str]
    """The topic the publishing service sends it on."""

    @property
    def subject(self) -> str:
        """The message key and `ce_subject`: what the fact is about."""
        raise NotImplementedError


class HouseholdEvent(IntegrationEvent):
    """A fact about one household, keyed by its pseudonymous id."""

    household_id: UUID = Field(description="Pseudonymous id of the household; the message key and ce_subject.")

    @property
    def subject(self) -> str:
        return str(self.household_id)
