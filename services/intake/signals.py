"""Taking in partner signals: deduplicated by their CloudEvents id, merged into the household they concern.

A signal is matched to a household by the blind index of its BSN, else of its postcode and house number. A match
with an open case adds the signal to that case and stores none of the partner's personal data (the team already
knows the household); no match registers a new household, its data sealed with a new key, with a melding and a
case for its district's team. Payment arrears flag a debt concern and record the obliged offer of help
(hulpaanbod, Wgs art. 3 lid 2; Bgs art. 2). One signal, one save.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from contracts.partner_signals import ConcernSignal, PartnerSignal, PaymentArrearsSignal
from services.intake.base import IntakeBase
from services.intake.domain.bsn import check_bsn
from services.intake.domain.case import Case
from services.intake.domain.household import Household, HouseholdErased
from services.intake.domain.partners import Partner
from services.intake.domain.rejected_signal import RejectedSignal
from services.intake.domain.routing import normalise_postcode
from services.intake.domain.signal import Signal, signal_id
from services.intake.domain.support_request import SupportRequest
from services.intake.meldingen import open_case
from services.intake.sealing import address_index, bsn_index, seal


class SignalCommands(IntakeBase):
    def take_signal(self, signal: PartnerSignal, partner: Partner, event_id: str, today: date) -> UUID | None:
        """Take a signal into a household's case; None when this signal (source and ce_id) was taken before."""
        sid = signal_id(partner.source, event_id)
        if sid in self.repository:
            return None
        digests = self._digests(signal)
        household = self._match(digests)
        if household is not None and household.latest_case_id is not None:
            case = self.get_case(household.latest_case_id)
            self._take(signal, partner, sid, event_id, household, case, [], today, new_household=False)
            return sid
        if household is not None:
            melding = SupportRequest(household.id, "professional", life_domains(signal, partner), today)
            self._take(signal, partner, sid, event_id, household, open_case(household, melding, today),
                         [melding], today, new_household=False)  # fmt: skip
            return sid
        return self._register(signal, partner, sid, event_id, digests, today)

    def reject_signal(self, source: str, topic: str, event_id: str, reason: str, today: date) -> None:
        """Record a refused signal (no content, only who sent it where and why); a redelivery records nothing."""
        rid = signal_id(source, event_id)
        if rid not in self.repository:
            self.save(RejectedSignal(rid, source, topic, reason, today))

    def _register(
        self, signal: PartnerSignal, partner: Partner, sid: UUID, event_id: str, digests: list[bytes], today: date
    ) -> UUID:
        postcode = normalise_postcode(signal.postcode or "")
        district = self.routing.route(postcode)
        household_id = uuid.uuid4()
        details = sealed_details(signal, postcode)

        def register(key: bytes) -> UUID:
            household = Household(household_id, district.name, district.team_id, 1, seal(key, household_id, details))
            melding = SupportRequest(household.id, "professional", life_domains(signal, partner), today)
            case = open_case(household, melding, today)
            self._take(signal, partner, sid, event_id, household, case, [melding], today, new_household=True)
            return sid

        return self.with_new_key(household_id, digests, register)

    def _take(
        self, signal: PartnerSignal, partner: Partner, sid: UUID, event_id: str, household: Household, case: Case,
        others: list[Any], today: date, new_household: bool,
    ) -> None:  # fmt: skip
        arrears = signal.arrears_cents if isinstance(signal, PaymentArrearsSignal) else 0
        taken = Signal(sid, event_id, partner.id, signal.kind, household.id, case.id, case.team_id, today,
                       new_household, arrears)  # fmt: skip
        if taken.obliges_help_offer:
            case.flag_debt_concern(today, threatening=False)
            taken.offer_help(today)
        self.save(household, *others, case, taken)

    def _digests(self, signal: PartnerSignal) -> list[bytes]:
        digests = [bsn_index(self.secret, check_bsn(signal.bsn))] if signal.bsn else []  # InvalidBsn: refused
        if signal.postcode and signal.house_number:
            digests.append(address_index(self.secret, normalise_postcode(signal.postcode), signal.house_number))
        return digests

    def _match(self, digests: list[bytes]) -> Household | None:
        household_id = self.vault.find(digests)
        if household_id is None:
            return None
        try:
            return self.present_household(household_id)
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
