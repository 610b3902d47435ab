"""Taking in partner signals: deduplicated by their CloudEvents id, merged into the household they concern.

A signal is matched to a household by the blind index of its BSN, else of its postcode and house number. A match
with an open case adds the signal to that case and stores none of the partner's personal data (the team already
knows the household); no match registers a new household, its data sealed with a new key, with a melding and a
case for its district's team. Payment arrears flag a debt concern and record the obliged offer of help
(hulpaanbod, Wgs art. 3 lid 2; Bgs art. 2). One signal, one save.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from contracts.partner_signals import ConcernSignal, PartnerSignal, PaymentArrearsSignal
from services.intake.base import Intake
from services.intake.domain.bsn import check_bsn
from services.intake.domain.case import Case
from services.intake.domain.household import Household, HouseholdErased
from services.intake.domain.partners import Partner
from services.intake.domain.rejected_signal import RejectedSignal
from services.intake.domain.routing import normalise_postcode
from services.intake.domain.signal import Signal, TakenSignal, admitted_signal_id, signal_id
from services.intake.domain.support_request import SupportRequest
from services.intake.meldingen import open_case
from services.intake.sealing import address_index, bsn_index, seal


@dataclass(frozen=True)
class Arrival:
    """A partner's signal on its way into a case: what was signalled, by whom, under which ids, on which day."""

    signal: PartnerSignal
    partner: Partner
    signal_id: UUID
    event_id: str
    today: date

    def melding(self, household: Household) -> SupportRequest:
        """The support request a signal makes for a household without an open case."""
        return SupportRequest(household.id, "professional", life_domains(self.signal, self.partner), self.today)


def take_signal(intake: Intake, signal: PartnerSignal, partner: Partner, event_id: str, today: date) -> UUID | None:
    """Take a signal into a household's case; None when this signal (source and ce_id) was taken before. A signal
    refused before (its sender was not registered yet) and replayed is taken under `admitted_signal_id`."""
    taken_id = signal_id(partner.source, event_id)
    if taken_id in intake.repository and isinstance(intake.repository.get(taken_id), RejectedSignal):
        taken_id = admitted_signal_id(partner.source, event_id)
    arrival = Arrival(signal, partner, taken_id, event_id, today)
    if arrival.signal_id in intake.repository:
        return None
    digests = _digests(intake.secret, signal)
    household = _match(intake, digests)
    if household is None:
        return _register(intake, arrival, digests)
    if household.latest_case_id is not None:
        _take(intake, arrival, household, intake.get_case(household.latest_case_id), [], new_household=False)
    else:
        melding = arrival.melding(household)
        _take(intake, arrival, household, open_case(household, melding, today), [melding], new_household=False)
    return arrival.signal_id


def reject_signal(intake: Intake, source: str, topic: str, event_id: str, reason: str, today: date) -> None:
    """Record a refused signal (no content, only who sent it where and why); a redelivery records nothing."""
    rid = signal_id(source, event_id)
    if rid not in intake.repository:
        intake.save(RejectedSignal(rid, source, topic, reason, today))


def _register(intake: Intake, arrival: Arrival, digests: list[bytes]) -> UUID:
    postcode = normalise_postcode(arrival.signal.postcode or "")
    district = intake.routing.route(postcode)
    household_id = uuid.uuid4()
    details = sealed_details(arrival.signal, postcode)

    def register(key: bytes) -> UUID:
        household = Household(household_id, district.name, district.team_id, 1, seal(key, household_id, details))
        melding = arrival.melding(household)
        case = open_case(household, melding, arrival.today)
        _take(intake, arrival, household, case, [melding], new_household=True)
        return arrival.signal_id

    return intake.with_new_key(household_id, digests, register)


def _take(
    intake: Intake, arrival: Arrival, household: Household, case: Case, others: list[Any], new_household: bool
) -> None:
    signal, today = arrival.signal, arrival.today
    arrears = signal.arrears_cents if isinstance(signal, PaymentArrearsSignal) else 0
    taken = TakenSignal(
        arrival.event_id, arrival.partner.id, signal.kind, household.id, case.id, case.team_id, today,
        new_household, arrears,
    )  # fmt: skip
    record = Signal(arrival.signal_id, taken)
    if record.obliges_help_offer:
        case.flag_debt_concern(today, threatening=False)
        record.offer_help(today)
    intake.save(household, *others, case, record)


def _digests(secret: bytes, signal: PartnerSignal) -> list[bytes]:
    digests = [bsn_index(secret, check_bsn(signal.bsn))] if signal.bsn else []  # InvalidBsn: refused
    if signal.postcode and signal.house_number:
        digests.append(address_index(secret, normalise_postcode(signal.postcode), signal.house_number))
    return digests


def _match(intake: Intake, digests: list[bytes]) -> Household | None:
    household_id = intake.vault.find(digests)
    if household_id is None:
        return None
    try:
        return intake.present_household(household_id)
    except (AggregateNotFoundError, HouseholdErased):
        return None


def life_domains(signal: PartnerSignal, partner: Partner) -> list[str]:
    if isinstance(signal, ConcernSignal):
        return list(signal.life_domains)
    return ["debts", "income", "housing"] if partner.type == "housing" else ["debts", "income"]


def sealed_details(signal: PartnerSignal, postcode: str) -> dict[str, Any]:
    """What the partner told about the resident, to be sealed: the team needs it to make the offer of help."""
    resident = {"name": signal.name, "bsn": signal.bsn}
    return {
        "address": {"postcode": postcode, "house_number": signal.house_number},
        "residents": [resident],
        "contact": {"phone": signal.phone, "email": signal.email},
    }
