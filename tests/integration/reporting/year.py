"""A year of facts for two teams, from every topic reporting reads: what the report, the rebuild and the dashboard
tests publish. The expected figures are stated beside the facts that make them.

Each test plays a year of its own (`a_year()`, a past year no other test of the session uses): the reporting stack
is shared by reporting's tests, and a report for that year holds that test's facts only."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from contracts.events import budget as b
from contracts.events import care as c
from contracts.events import debt as d
from contracts.events import intake as i
from contracts.events import planning as p
from contracts.events.base import IntegrationEvent
from tests.support.bus import Publisher

HAVEN, STAD = "wijkteam-haven", "wijkteam-stad"
DISTRICTS = {HAVEN: "Almere Haven", STAD: "Almere Stad"}
_years = itertools.count(2001)


def a_year() -> int:
    """A past year no other test of this session plays facts in (reporting's tests share one bus and store)."""
    return next(_years)


def may_first(year: int) -> datetime:
    """Facts of the first half year occur before this moment, those of the second after it."""
    return datetime(year, 5, 1, 10, 0, tzinfo=UTC)


@dataclass
class Household:
    team: str
    id: UUID = field(default_factory=uuid.uuid4)
    case: UUID = field(default_factory=uuid.uuid4)
    request: UUID = field(default_factory=uuid.uuid4)


def when(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def household_facts(h: Household, melding: date, debt_after: int | None, score: int) -> list[IntegrationEvent]:
    """A melding, its case, client support, the investigation clock (stopped in time), optionally a debt flag
    `debt_after` days after the melding, and a satisfaction score."""
    base = {"household_id": h.id, "case_id": h.case, "team_id": h.team}
    facts: list[IntegrationEvent] = [
        i.SupportRequested(
            household_id=h.id,
            request_id=h.request,
            requested_by="resident",
            life_domains=["income"],
            received_on=melding,
        ),
        i.CaseOpened(
            household_id=h.id,
            case_id=h.case,
            request_id=h.request,
            district=DISTRICTS[h.team],
            team_id=h.team,
            opened_on=melding,
        ),
        i.ClientSupportOffered(**base, offered_on=melding),
        i.ClientSupportChosen(**base, choice="volunteer" if score > 6 else "none", chosen_on=melding),
        i.StatutoryClockStarted(
            **base,
            clock="investigation",
            clock_id="investigation",
            started_on=melding,
            due_on=melding + timedelta(weeks=6),
            counting="calendar_days",
            legal_basis="Wmo 2015 art. 2.3.2 lid 1",
        ),
        i.StatutoryClockStopped(
            **base,
            clock="investigation",
            clock_id="investigation",
            stopped_on=melding + timedelta(days=20),
            in_time=True,
        ),
        i.SatisfactionRecorded(**base, score=score, answered_on=melding + timedelta(days=60)),
    ]
    if debt_after is not None:
        facts.append(i.DebtConcernFlagged(**base, flagged_on=melding + timedelta(days=debt_after)))
    return facts


def money_facts(h: Household, decided: date, cents: int, spent: int) -> list[IntegrationEvent]:
    """A decision under mandate ALM-M-01, its reservation and a payment of `spent` from it."""
    decision, plan = uuid.uuid4(), uuid.uuid4()
    common = {"household_id": h.id, "decision_id": decision, "team_id": h.team, "budget_line": "wmo"}
    period = {"period_start": decided, "period_end": date(decided.year, 12, 31)}
    return [
        p.DecisionTaken(
            **common,
            plan_id=plan,
            provision_code="HH01",
            amount_cents=cents,
            **period,
            decided_by="prof-1",
            decided_on=decided,
            mandate_ref="ALM-M-01",
        ),
        b.FundsReserved(
            **common,
            plan_id=plan,
            year=decided.year,
            amount_cents=cents,
            provision_code="HH01",
            **period,
            decided_by="prof-1",
            decided_on=decided,
        ),
        b.FundsSpent(
            **common,
            payment_id=uuid.uuid4(),
            year=decided.year,
            amount_cents=spent,
            from_reservation_cents=spent,
            paid_on=decided + timedelta(days=30),
        ),
    ]


def escalated_deviation(h: Household, decided: date) -> list[IntegrationEvent]:
    """An escalated decision that departs from the catalogue's maximum age, approved by the team lead."""
    decision, plan = uuid.uuid4(), uuid.uuid4()
    common = {"household_id": h.id, "plan_id": plan, "decision_id": decision, "team_id": h.team}
    period = {"period_start": decided, "period_end": date(decided.year, 12, 31)}
    return [
        p.DecisionEscalated(
            **common,
            provision_code="JH02",
            budget_line="youth",
            amount_cents=90_000,
            **period,
            proposed_by="prof-2",
            escalated_on=decided,
            reason="moeder net onder de 18",
            deviating_rules=["JH02.min_age"],
        ),
        p.DeviationRecorded(
            **common,
            deviation_id=uuid.uuid4(),
            provision_code="JH02",
            rule_ref="JH02.min_age",
            rule_limit="min_age",
            rule_value=18,
            actual_value=17,
            justification="Alleenstaande moeder van 17: doen wat nodig is.",
            decided_by="lead-1",
            proposed_by="prof-2",
            recorded_on=decided,
        ),
        p.DecisionTaken(
            **common,
            provision_code="JH02",
            budget_line="youth",
            amount_cents=90_000,
            **period,
            decided_by="lead-1",
            decided_on=decided,
            mandate_ref="ALM-M-09",
            escalated=True,
            proposed_by="prof-2",
        ),
    ]


def team_facts(team: str, year: int) -> list[IntegrationEvent]:
    return [
        b.BudgetAllocated(team_id=team, year=year, budget_line="wmo", amount_cents=10_000_000),
        b.BudgetAllocated(team_id=team, year=year, budget_line="youth", amount_cents=5_000_000),
    ]


def other_facts(h: Household, day: date) -> list[IntegrationEvent]:
    """A partner signal, the hulpaanbod, a debt referral whose first conversation came late, provider feedback."""
    trajectory, signal = uuid.uuid4(), uuid.uuid4()
    return [
        i.SignalReceived(
            household_id=h.id,
            signal_id=signal,
            case_id=h.case,
            team_id=h.team,
            partner_id="woonstad-almere",
            kind="payment_arrears",
            received_on=day,
            new_household=False,
        ),
        i.HelpOffered(
            household_id=h.id,
            case_id=h.case,
            signal_id=signal,
            team_id=h.team,
            partner_id="woonstad-almere",
            arrears_cents=45_000,
            offered_on=day,
        ),
        d.DebtReferralReceived(
            household_id=h.id,
            trajectory_id=trajectory,
            team_id=h.team,
            received_on=day,
            first_conversation_due=day + timedelta(weeks=4),
        ),
        d.DebtIntakeHeld(
            household_id=h.id,
            trajectory_id=trajectory,
            team_id=h.team,
            held_on=day + timedelta(weeks=5),
            first_conversation_due=day + timedelta(weeks=4),
            within_term=False,
        ),
        c.PlanFeedbackGiven(household_id=h.id, assignment_id=uuid.uuid4(), provider_id="zorg-1", plan_fits=False),
    ]


def rejected_signal(year: int) -> i.SignalRejected:
    return i.SignalRejected(
        signal_id=uuid.uuid4(),
        source="urn:nld:oin:1:systeem:x",
        signal_topic="nl.wijkteam.partner.school.signals",
        reason="unregistered",
        rejected_on=date(year, 3, 1),
    )


async def publish_year(bus: Publisher, year: int) -> int:
    """Publish the year; returns how many facts. Spring facts occur before May 1st, autumn facts after it.

    Expected: Haven 2 cases (1 with debts, found 3 days after the melding), Stad 1 case without debts; decisions
    3 (1 escalated, 1 deviation); wmo spent 30,000 + 20,000 cents; satisfaction Haven 8 and 6, Stad 9.
    """
    haven1, haven2, stad1 = Household(HAVEN), Household(HAVEN), Household(STAD)
    spring, autumn = date(year, 3, 3), date(year, 9, 1)
    groups: list[tuple[date | None, list[IntegrationEvent]]] = [
        (date(year, 1, 2), [*team_facts(HAVEN, year), *team_facts(STAD, year)]),
        (spring, household_facts(haven1, spring, 3, 8) + money_facts(haven1, spring, 100_000, 30_000)),
        (spring, [rejected_signal(year)]),
        (autumn, household_facts(haven2, autumn, None, 6) + escalated_deviation(haven2, autumn)),
        (autumn, household_facts(stad1, autumn, None, 9) + money_facts(stad1, autumn, 50_000, 20_000)),
        (autumn, other_facts(haven1, autumn)),
    ]
    count = 0
    for day, facts in groups:
        for fact in facts:
            await bus.publish(fact, when(day) if day else None)
            count += 1
    return count
