"""From intake's internal domain events to the public facts it publishes (nothing with names or addresses).

Household.Registered (sealed personal data) and the signals' own bookkeeping stay inside intake.
"""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from contracts.events import intake as facts
from services.intake import translator_terms
from services.intake.domain.case import Case
from services.intake.domain.household import Household
from services.intake.domain.rejected_signal import RejectedSignal
from services.intake.domain.signal import Signal
from services.intake.domain.support_request import SupportRequest
from services.intake.domain.survey import SurveyAnswer


@singledispatch
def translate(event: Any) -> Any:
    """Internal events without a public counterpart stay inside intake."""
    return None


@translate.register(SupportRequest.Received)
def _(event: Any) -> facts.SupportRequested:
    return facts.SupportRequested(
        household_id=event.household_id,
        request_id=event.originator_id,
        requested_by=event.requested_by,
        life_domains=event.life_domains,
        received_on=event.received_on,
    )


@translate.register(Case.Opened)
def _(event: Any) -> facts.CaseOpened:
    return facts.CaseOpened(
        household_id=event.household_id,
        case_id=event.originator_id,
        request_id=event.request_id,
        district=event.district,
        team_id=event.team_id,
        opened_on=event.opened_on,
    )


@translate.register(Case.DebtConcernFlagged)
def _(event: Any) -> facts.DebtConcernFlagged:
    return facts.DebtConcernFlagged(
        household_id=event.household_id,
        case_id=event.originator_id,
        team_id=event.team_id,
        flagged_on=event.flagged_on,
        threatening=event.threatening,
    )


@translate.register(Case.ReceiptConfirmed)
def _(event: Any) -> facts.ReceiptConfirmed:
    return facts.ReceiptConfirmed(
        household_id=event.household_id,
        case_id=event.originator_id,
        request_id=event.request_id,
        team_id=event.team_id,
        confirmed_on=event.confirmed_on,
    )


@translate.register(Case.ClientSupportOffered)
def _(event: Any) -> facts.ClientSupportOffered:
    return facts.ClientSupportOffered(
        household_id=event.household_id, case_id=event.originator_id, team_id=event.team_id, offered_on=event.offered_on
    )


@translate.register(Case.ClientSupportChosen)
def _(event: Any) -> facts.ClientSupportChosen:
    return facts.ClientSupportChosen(
        household_id=event.household_id,
        case_id=event.originator_id,
        team_id=event.team_id,
        choice=event.choice,
        chosen_on=event.chosen_on,
    )


@translate.register(Case.ApplicationReceived)
def _(event: Any) -> facts.ApplicationReceived:
    return facts.ApplicationReceived(
        household_id=event.household_id,
        case_id=event.originator_id,
        application_id=event.application_id,
        team_id=event.team_id,
        domain=event.domain,
        received_on=event.received_on,
    )


@translate.register(Case.ClockStarted)
def _(event: Any) -> facts.StatutoryClockStarted:
    clock = event.clock
    return facts.StatutoryClockStarted(
        household_id=event.household_id,
        case_id=event.originator_id,
        team_id=event.team_id,
        clock=clock.clock,
        clock_id=clock.clock_id,
        started_on=clock.started_on,
        due_on=clock.due_on,
        counting=clock.counting,
        legal_basis=clock.legal_basis,
    )


@translate.register(Case.ClockStopped)
def _(event: Any) -> facts.StatutoryClockStopped:
    return facts.StatutoryClockStopped(
        household_id=event.household_id,
        case_id=event.originator_id,
        team_id=event.team_id,
        clock=event.clock,
        clock_id=event.clock_id,
        stopped_on=event.stopped_on,
        in_time=event.in_time,
    )


@translate.register(Case.TermMissed)
def _(event: Any) -> facts.StatutoryTermMissed:
    return facts.StatutoryTermMissed(
        household_id=event.household_id,
        case_id=event.originator_id,
        team_id=event.team_id,
        clock=event.clock,
        clock_id=event.clock_id,
        due_on=event.due_on,
        detected_on=event.detected_on,
        legal_basis=event.legal_basis,
    )


@translate.register(Household.Erased)
def _(event: Any) -> facts.HouseholdErased:
    return facts.HouseholdErased(household_id=event.originator_id, erased_on=event.erased_on)


@translate.register(Signal.Received)
def _(event: Any) -> facts.SignalReceived:
    signal = event.signal
    return facts.SignalReceived(
        household_id=signal.household_id,
        signal_id=event.originator_id,
        case_id=signal.case_id,
        team_id=signal.team_id,
        partner_id=signal.partner_id,
        kind=signal.kind,
        received_on=signal.received_on,
        new_household=signal.new_household,
    )


@translate.register(Signal.HelpOffered)
def _(event: Any) -> facts.HelpOffered:
    offer = event.offer
    return facts.HelpOffered(
        household_id=offer.household_id,
        case_id=offer.case_id,
        signal_id=event.originator_id,
        team_id=offer.team_id,
        partner_id=offer.partner_id,
        arrears_cents=offer.arrears_cents,
        offered_on=offer.offered_on,
    )


@translate.register(RejectedSignal.Rejected)
def _(event: Any) -> facts.SignalRejected:
    return facts.SignalRejected(
        signal_id=event.originator_id,
        source=event.source,
        signal_topic=event.topic,
        reason=event.reason,
        rejected_on=event.rejected_on,
    )


@translate.register(SurveyAnswer.Recorded)  # type: ignore[attr-defined]
def _(event: Any) -> facts.SatisfactionRecorded:
    return facts.SatisfactionRecorded(
        household_id=event.household_id,
        case_id=event.case_id,
        team_id=event.team_id,
        score=event.score,
        answered_on=event.answered_on,
    )


translator_terms.register(translate)
