"""Intake's commands and its partner inbox's handlers, driven as its routes and inbox drive them, on each store
(with the key vault beside it: in memory for POPO, a table for PostgreSQL).

A melding opens a case for the district's team with its clocks; client support is offered before it is chosen;
a household's personal data is sealed and erased with its key; a partner's arrears signal becomes a case with an
offer of help, merged by BSN and taken once; a refused signal is recorded without its content.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from contracts.events.intake import (
    CaseOpened,
    ClientSupportOffered,
    HelpOffered,
    SignalReceived,
    SignalRejected,
    StatutoryClockStarted,
)
from contracts.partner_signals import PaymentArrearsSignal
from kernel.clock import today
from kernel.errors import Conflict, NotFound, Refused
from services.intake.application import IntakeApplication, SupportRequestInput
from services.intake.domain.household import HouseholdErased
from services.intake.domain.partners import Partner
from services.intake.domain.residents import Address, HouseholdDetails, Resident
from tests.support.application import IN_MEMORY, build, facts_of, of_type, running
from wijk.settings import PlatformSettings

HOUSING = Partner("woonstad-almere", "housing", "urn:test:woonstad")
DETAILS = HouseholdDetails(
    Address("Kwikstaartlaan", "117B", "1353 QX", "Almere"), (Resident("Zwaantje", "Elberink", "999990081"),)
)


def melding(postcode: str = "1353 AB", debt_concern: bool = False) -> SupportRequestInput:
    return SupportRequestInput(postcode, 2, "resident", ["income", "debts"], debt_concern=debt_concern)


def arrears(bsn: str, reference: str = "HUUR-1") -> PaymentArrearsSignal:
    return PaymentArrearsSignal(
        reference=reference, bsn=bsn, postcode="1353 AB", house_number="5", signalled_on=date(2026, 3, 2),
        arrears_cents=45_000,
    )  # fmt: skip


class IntakeCase:
    """The abstract case: every test runs on the store `settings` gives (POPO unless a subclass says otherwise)."""

    @pytest.fixture
    def settings(self) -> PlatformSettings:
        return IN_MEMORY

    @pytest.fixture
    def app(self, settings: PlatformSettings) -> Iterator[IntakeApplication]:
        yield from running(lambda: build("intake", settings))

    def test_a_melding_opens_a_case_for_the_districts_team_with_its_clocks(self, app: IntakeApplication) -> None:
        opened = app.request_support(melding(debt_concern=True), today())
        assert opened.team_id == "wijkteam-haven"
        facts = [f for f in facts_of(app, "intake") if f.subject == str(opened.household_id)]
        assert [f.type.split(".")[3] for f in facts] == [
            "support-requested", "case-opened", "receipt-confirmed", "statutory-clock-started",
            "statutory-clock-started", "debt-concern-flagged",
        ]  # fmt: skip
        assert {c.clock for c in of_type(facts, StatutoryClockStarted)} == {"personal_plan", "investigation"}
        with pytest.raises(Refused, match="9999"):
            app.request_support(melding("9999 ZZ"), today())

    def test_client_support_is_offered_before_it_is_chosen(self, app: IntakeApplication) -> None:
        case_id = app.request_support(melding(), today()).case_id
        with pytest.raises(Conflict):
            app.choose_client_support(case_id, "volunteer", today())
        app.offer_client_support(case_id, "coach.jansen", today())
        with pytest.raises(Refused):
            app.choose_client_support(case_id, "family", today())
        app.choose_client_support(case_id, "volunteer", today())
        assert app.case(case_id)["client_support_choice"] == "volunteer"
        assert [f.case_id for f in of_type(facts_of(app, "intake"), ClientSupportOffered)] == [case_id]
        with pytest.raises(NotFound):
            app.offer_client_support(uuid.uuid4(), "coach.jansen", today())

    def test_personal_data_is_sealed_and_erased_with_its_key(self, app: IntakeApplication) -> None:
        registered = app.register_household(DETAILS)
        shown = app.household(registered.household_id)
        assert shown["residents"][0]["family_name"] == "Elberink" and shown["team_id"] == "wijkteam-haven"
        assert not any(b"Elberink" in n.state for n in app.recorder.select_notifications(1, 1000))
        app.erase_household(registered.household_id, today())
        with pytest.raises(HouseholdErased):
            app.household(registered.household_id)
        with pytest.raises(NotFound):  # HouseholdErased is a NotFound (intake answers it 410 Gone)
            app.request_support(
                SupportRequestInput(None, 1, "resident", ["income"], household_id=registered.household_id), today()
            )

    def test_an_arrears_signal_becomes_a_case_with_help_merged_by_bsn_and_taken_once(
        self, app: IntakeApplication
    ) -> None:
        first = app.take_signal(arrears("999990019"), HOUSING, "huur-1", today())
        assert app.take_signal(arrears("999990019"), HOUSING, "huur-1", today()) is None  # redelivered
        app.take_signal(arrears("999990019", "HUUR-2"), HOUSING, "huur-2", today())  # the same household
        facts = facts_of(app, "intake")
        [opened] = of_type(facts, CaseOpened)
        received = of_type(facts, SignalReceived)
        assert first is not None and [r.new_household for r in received] == [True, False]
        assert {r.household_id for r in received} == {opened.household_id}
        assert sorted(h.arrears_cents for h in of_type(facts, HelpOffered)) == [45_000, 45_000]
        assert not any(b"999990019" in n.state for n in app.recorder.select_notifications(1, 1000))

    def test_a_refused_signal_is_recorded_once_without_its_content(self, app: IntakeApplication) -> None:
        for _ in range(2):
            app.reject_signal(
                "urn:test:stranger", "nl.wijkteam.partner.woonstad-almere.signals", "x-1", "not registered", today()
            )
        [rejected] = of_type(facts_of(app, "intake"), SignalRejected)
        assert (rejected.reason, rejected.source) == ("not registered", "urn:test:stranger")
        assert of_type(facts_of(app, "intake"), CaseOpened) == []


class TestIntakeOnPOPO(IntakeCase):
    pytestmark = pytest.mark.application


class TestIntakeOnPostgres(IntakeCase):
    pytestmark = pytest.mark.integration

    @pytest.fixture
    def settings(self, on_postgres: Callable[..., PlatformSettings]) -> PlatformSettings:
        return on_postgres("intake")
