"""Intake's application: the command modules combined. Commands return ids; queries return plain data."""

from __future__ import annotations

from eventsourcing.persistence import JSONTranscoder

from services.intake.cases import CaseCommands
from services.intake.clock_check import ClockCommands
from services.intake.domain.clocks import Clock
from services.intake.domain.signal import HelpOffer, TakenSignal
from services.intake.households import HouseholdCommands
from services.intake.meldingen import MeldingCommands, Opened, SupportRequestInput
from services.intake.signals import SignalCommands
from services.intake.survey import SurveyCommands
from wijk.transcodings import ValueObjectAsDict

__all__ = ["IntakeApplication", "Opened", "SupportRequestInput"]

VALUE_OBJECTS = (
    ValueObjectAsDict(Clock, "intake_clock"),
    ValueObjectAsDict(TakenSignal, "intake_taken_signal"),
    ValueObjectAsDict(HelpOffer, "intake_help_offer"),
)
"""The value objects intake's events carry whole."""


class IntakeApplication(
    HouseholdCommands, MeldingCommands, CaseCommands, ClockCommands, SignalCommands, SurveyCommands
):
    name = "intake"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        for transcoding in VALUE_OBJECTS:
            transcoder.register(transcoding)
