"""Intake's application: one class with its store, the routing, the key vault and the blind-index secret. Each
command is a function in a small module (households, meldingen, cases, clock_check, signals, survey) that this class
calls with itself. Commands return ids; queries return plain data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.persistence import JSONTranscoder, Tracking

from contracts.events.backoffice import DecisionLetterIssued
from contracts.events.backoffice_cycle import DecisionRevoked, RefusalLetterIssued
from contracts.events.planning_cycle import InvestigationReported, PersonalPlanRecorded
from contracts.partner_signals import PartnerSignal
from services.intake import cases, clock_check, clock_facts, households, meldingen, signals, survey, term_commands
from services.intake.cases import ApplicationOpened
from services.intake.clock_check import open_clock_index
from services.intake.domain.case import Case
from services.intake.domain.clocks import Clock
from services.intake.domain.household import Household
from services.intake.domain.partners import Partner
from services.intake.domain.penalty import Default, Penalty
from services.intake.domain.residents import HouseholdDetails
from services.intake.domain.routing import Routing
from services.intake.domain.screening import DebtScreening
from services.intake.domain.signal import HelpOffer, TakenSignal
from services.intake.households import Registered
from services.intake.key_wrapping import KeyEncryptionKey
from services.intake.meldingen import Opened, SupportRequestInput
from services.intake.vault import open_vault
from wijk.eventstore import ServiceApplication, retry_on_conflict
from wijk.settings import PlatformSettings
from wijk.transcodings import ValueObjectAsDict

__all__ = ["IntakeApplication", "Opened", "SupportRequestInput"]
T = TypeVar("T")

VALUE_OBJECTS = (
    ValueObjectAsDict(Clock, "intake_clock"),
    ValueObjectAsDict(TakenSignal, "intake_taken_signal"),
    ValueObjectAsDict(HelpOffer, "intake_help_offer"),
    ValueObjectAsDict(Default, "intake_default"),
    ValueObjectAsDict(Penalty, "intake_penalty"),
)
"""The value objects intake's events carry whole."""


class IntakeApplication(ServiceApplication):
    name = "intake"
    batches_facts = True  # its handlers read through the repository and write through record_processed only
    opens_text_keys = True  # its erasure destroys the household's text key (ADR 0006)

    def __init__(
        self, routing: Routing, secret: bytes, kek: KeyEncryptionKey, settings: PlatformSettings | None = None
    ) -> None:
        self.routing = routing
        self.secret = secret
        super().__init__(settings)
        self.vault = open_vault(self.settings, kek)
        self.clock_index = open_clock_index(self.recorder, self.mapper, getattr(self.vault, "pool", None))

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        for transcoding in VALUE_OBJECTS:
            transcoder.register(transcoding)

    def close(self) -> None:
        self.vault.close()
        super().close()

    def present_household(self, household_id: UUID) -> Household:
        """The household, or HouseholdErased (410) when its personal data was erased."""
        household: Household = self.repository.get(household_id)
        household.ensure_present()
        return household

    def get_case(self, case_id: UUID) -> Case:
        case: Case = self.repository.get(case_id)
        return case

    def with_new_key(
        self, household_id: UUID, digests: list[bytes], command: Callable[[bytes], T], unique: list[bytes] | None = None
    ) -> T:
        """Make the household's key (and its indexes, `unique` ones refused when taken), run the command; if the
        command fails, forget the key."""
        key = self.vault.create(household_id, digests, unique or [])
        try:
            return command(key)
        except BaseException:
            self.vault.forget(household_id)
            raise

    def register_household(self, details: HouseholdDetails) -> Registered:
        return households.register_household(self, details)

    def household(self, household_id: UUID) -> dict[str, Any]:
        return households.household_view(self, household_id)

    def erase_household(self, household_id: UUID, today: date) -> date:
        return households.erase_household(self, household_id, today)

    @retry_on_conflict
    def request_support(self, request: SupportRequestInput, today: date) -> Opened:
        return meldingen.request_support(self, request, today)

    @retry_on_conflict
    def offer_client_support(self, case_id: UUID, offered_by: str, today: date) -> date:
        return cases.offer_client_support(self, case_id, offered_by, today)

    @retry_on_conflict
    def choose_client_support(self, case_id: UUID, choice: str, today: date) -> date:
        return cases.choose_client_support(self, case_id, choice, today)

    @retry_on_conflict
    def receive_application(self, case_id: UUID, domain: str, today: date) -> ApplicationOpened:
        return cases.receive_application(self, case_id, domain, today)

    @retry_on_conflict
    def stop_clock(self, case_id: UUID, clock_id: str, stopped_on: date) -> bool:
        return cases.stop_clock(self, case_id, clock_id, stopped_on)

    @retry_on_conflict
    def screen_debts(self, case_id: UUID, screening: DebtScreening, today: date) -> bool:
        return cases.screen_debts(self, case_id, screening, today)

    def case(self, case_id: UUID) -> dict[str, Any]:
        return cases.case_view(self.get_case(case_id))

    def check_clocks(self, today: date) -> list[dict[str, Any]]:
        return clock_check.check_clocks(self, self.clock_index, today)

    def take_signal(self, signal: PartnerSignal, partner: Partner, event_id: str, today: date) -> UUID | None:
        return signals.take_signal(self, signal, partner, event_id, today)

    def reject_signal(self, source: str, topic: str, event_id: str, reason: str, today: date) -> None:
        signals.reject_signal(self, source, topic, event_id, reason, today)

    @retry_on_conflict
    def record_satisfaction(self, case_id: UUID, score: int, answered_on: date, today: date) -> UUID:
        return survey.record_satisfaction(self, case_id, score, answered_on, today)

    @retry_on_conflict
    def suspend_clock(self, case_id: UUID, clock_id: str, reason: str, on: date) -> None:
        """Awb 4:15: the decision term stands still (409 for a melding term or one stopped)."""
        term_commands.suspend_clock(self, case_id, clock_id, reason, on)

    @retry_on_conflict
    def resume_clock(self, case_id: UUID, clock_id: str, on: date) -> date:
        return term_commands.resume_clock(self, case_id, clock_id, on)

    @retry_on_conflict
    def extend_clock(self, case_id: UUID, clock_id: str, new_due: date, reason: str, today: date) -> None:
        """Awb 4:14: a later last day, told before the term ended."""
        term_commands.extend_clock(self, case_id, clock_id, new_due, reason, today)

    @retry_on_conflict
    def receive_notice_of_default(self, case_id: UUID, clock_id: str, received_on: date) -> dict[str, Any]:
        return term_commands.receive_notice_of_default(self, case_id, clock_id, received_on)

    @retry_on_conflict
    def determine_penalty(
        self, case_id: UUID, clock_id: str, determined_by: str, today: date, exemption: str = ""
    ) -> dict[str, Any]:
        """Awb 4:18: refused without a notice of default, twice, or while the penalty still accrues."""
        return term_commands.determine_penalty(self, case_id, clock_id, determined_by, today, exemption)

    def penalty_letter(self, case_id: UUID, clock_id: str, municipality: str) -> str:
        return term_commands.penalty_letter(self, case_id, clock_id, municipality)

    def on_personal_plan_recorded(self, event: PersonalPlanRecorded, tracking: Tracking) -> None:
        clock_facts.on_personal_plan_recorded(self, event, tracking)

    def on_investigation_reported(self, event: InvestigationReported, tracking: Tracking) -> None:
        clock_facts.on_investigation_reported(self, event, tracking)

    def on_letter_issued(self, event: DecisionLetterIssued | RefusalLetterIssued, tracking: Tracking) -> None:
        clock_facts.on_letter_issued(self, event, tracking)

    def on_decision_revoked(self, event: DecisionRevoked, tracking: Tracking) -> None:
        clock_facts.on_decision_revoked(self, event, tracking)
