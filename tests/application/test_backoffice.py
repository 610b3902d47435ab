"""The backoffice's commands and inbox handlers, driven as its inbox and routes drive them, on each store.

Funds reserved: the beschikking is sent today and the provider assigned (or the household paid), once whatever
budget sends twice; care's start, declarations and stop land on the assignment and a declaration is answered
and paid; an unknown assignment or a stranger's message is a refusal; a bezwaar is deferred once and never
decided by the one who took the decision.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest

from contracts.events.backoffice import DecisionLetterIssued, DeclarationAnswered, PaymentMade, ProviderAssigned
from contracts.events.budget import FundsReserved
from contracts.events.care import CareDeclared, CareStarted, CareStopped
from kernel.clock import today
from kernel.errors import Conflict, Forbidden, NotFound, Refused
from services.backoffice.application import BackofficeApplication
from tests.support.application import IN_MEMORY, Positions, build, facts_of, of_type, running
from wijk.settings import PlatformSettings

MANDATED = "J. de Vries, wijkcoach"


def funds_reserved(line: str = "wmo", provision: str = "wmo-huishoudelijke-ondersteuning") -> FundsReserved:
    decided_on = today()
    return FundsReserved(
        household_id=uuid.uuid4(),
        decision_id=uuid.uuid4(),
        plan_id=uuid.uuid4(),
        team_id="wijkteam-haven",
        year=decided_on.year,
        budget_line=line,  # type: ignore[arg-type]
        amount_cents=250_000,
        provision_code=provision,
        period_start=decided_on + timedelta(days=14),
        period_end=decided_on + timedelta(days=196),
        decided_by=MANDATED,
        decided_on=decided_on,
    )


class BackofficeCase:
    """The abstract case: every test runs on the store `settings` gives (POPO unless a subclass says otherwise)."""

    @pytest.fixture
    def settings(self) -> PlatformSettings:
        return IN_MEMORY

    @pytest.fixture
    def app(self, settings: PlatformSettings) -> Iterator[BackofficeApplication]:
        yield from running(lambda: build("backoffice", settings))

    def test_funds_reserved_sends_the_letter_and_assigns_the_provider_once(self, app: BackofficeApplication) -> None:
        positions, fact = Positions(), funds_reserved()
        first = positions.next()
        app.on_funds_reserved(fact, first, today())
        app.on_funds_reserved(fact, positions.again(first), today())
        app.on_funds_reserved(fact, positions.next(), today())  # republished under another position
        decision = app.decision(fact.decision_id)
        assert decision["letter"]["dispatch_date"] == today().isoformat()
        assert decision["assignment"]["provider_id"] == "zorg-flevoland"
        facts = facts_of(app, "backoffice")
        assert [type(f) for f in facts] == [DecisionLetterIssued, ProviderAssigned]
        assert "€ 2.500,00" in app.letter_text(fact.decision_id) and MANDATED in app.letter_text(fact.decision_id)

    def test_special_assistance_is_paid_to_the_household(self, app: BackofficeApplication) -> None:
        fact = funds_reserved("special_assistance", "maatwerk-vrij-besteedbaar")
        app.on_funds_reserved(fact, Positions().next(), today())
        [paid] = of_type(facts_of(app, "backoffice"), PaymentMade)
        assert (paid.payee, paid.amount_cents) == ("household", 250_000)
        assert of_type(facts_of(app, "backoffice"), ProviderAssigned) == []

    def test_care_lands_on_the_assignment_and_a_declaration_is_answered_and_paid(
        self, app: BackofficeApplication
    ) -> None:
        positions, fact = Positions(), funds_reserved()
        app.on_funds_reserved(fact, positions.next(), today())
        assignment = uuid.UUID(app.decision(fact.decision_id)["assignment"]["assignment_id"])
        provider, start = "zorg-flevoland", fact.period_start
        app.on_care_started(
            CareStarted(household_id=fact.household_id, assignment_id=assignment, provider_id=provider,
                        start_date=start), positions.next(),
        )  # fmt: skip
        declared = CareDeclared(
            household_id=fact.household_id, declaration_id=uuid.uuid4(), assignment_id=assignment,
            provider_id=provider, period_start=start, period_end=start + timedelta(days=27), volume=8, unit="04",
            amount_cents=40_000,
        )  # fmt: skip
        app.on_care_declared(declared, positions.next(), today())
        with pytest.raises(Refused, match="belongs to zorg-flevoland"):
            app.on_care_started(
                CareStarted(household_id=fact.household_id, assignment_id=assignment, provider_id="zorg-elders",
                            start_date=start), positions.next(),
            )  # fmt: skip
        with pytest.raises(NotFound, match="9019"):
            app.on_care_stopped(
                CareStopped(household_id=fact.household_id, assignment_id=uuid.uuid4(), provider_id=provider,
                            end_date=start, reason_code="19"), positions.next(),
            )  # fmt: skip
        delivery = app.decision(fact.decision_id)["delivery"]
        assert (delivery["started_on"], delivery["declared_volume"], delivery["paid_cents"]) == (
            start.isoformat(), 8, 40_000,
        )  # fmt: skip
        [answer] = of_type(facts_of(app, "backoffice"), DeclarationAnswered)
        assert answer.accepted and answer.declaration_id == declared.declaration_id

    def test_a_bezwaar_is_deferred_once_and_not_decided_by_the_decider(self, app: BackofficeApplication) -> None:
        fact = funds_reserved()
        app.on_funds_reserved(fact, Positions().next(), today())
        objection = app.lodge_objection(fact.decision_id, "Te weinig uren.", True, today())
        with pytest.raises(Conflict):
            app.defer_objection(fact.decision_id, objection, 7, today())  # more than six weeks
        app.defer_objection(fact.decision_id, objection, 6, today())
        with pytest.raises(Conflict, match="already deferred"):
            app.defer_objection(fact.decision_id, objection, 1, today())
        with pytest.raises(Forbidden, match="10:3 lid 3"):
            app.decide_objection(fact.decision_id, objection, "ongegrond", MANDATED, "Onderzocht.", today())
        app.decide_objection(fact.decision_id, objection, "ongegrond", "K. Bakker", "Onderzocht.", today())
        with pytest.raises(Conflict):
            app.decide_objection(fact.decision_id, objection, "gegrond", "K. Bakker", "Toch.", today())
        assert app.objection(fact.decision_id, objection)["outcome"] == "ongegrond"
        with pytest.raises(NotFound):
            app.objection(fact.decision_id, uuid.uuid4())
        with pytest.raises(NotFound):
            app.lodge_objection(uuid.uuid4(), "x", False, today())


class TestBackofficeOnPOPO(BackofficeCase):
    pytestmark = pytest.mark.application


class TestBackofficeOnPostgres(BackofficeCase):
    pytestmark = pytest.mark.integration

    @pytest.fixture
    def settings(self, on_postgres: Callable[..., PlatformSettings]) -> PlatformSettings:
        return on_postgres("backoffice")
