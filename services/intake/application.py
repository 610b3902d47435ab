"""Intake's application: the command modules combined. Commands return ids; queries return plain data."""

from __future__ import annotations

from services.intake.cases import CaseCommands
from services.intake.clock_check import ClockCommands
from services.intake.households import HouseholdCommands
from services.intake.meldingen import MeldingCommands, Opened, SupportRequestInput
from services.intake.signals import SignalCommands
from services.intake.survey import SurveyCommands

__all__ = ["IntakeApplication", "Opened", "SupportRequestInput"]


class IntakeApplication(
    HouseholdCommands, MeldingCommands, CaseCommands, ClockCommands, SignalCommands, SurveyCommands
):
    name = "intake"
