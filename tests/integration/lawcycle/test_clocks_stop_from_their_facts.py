"""Every clock of the seeds stops from its own fact, on the real broker and PostgreSQL, and reporting's shares of
terms met move with them: the personal plan recorded (in time, and late), the investigation reported (in time,
and late after the clock check recorded it as missed), the Wgs first conversation held. The clock index follows a
decision term that is suspended and resumed, and one that is extended: the check records neither as missed
before its moved last day, and each after it; a notice of default on the late one, and its penalty, reach
budget's penalty line and reporting."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from contracts.events.budget import PenaltyBooked
from contracts.topics import facts
from kernel.termijnen import next_working_day_from, term_end
from services.intake.domain.penalty import default_of, determine
from tests.integration.lawcycle.cycle import HAVEN, PROFESSIONAL, Cycle, Household, flat, team_term
from tests.support.bus import read_facts
from tests.support.stack import eventually

pytestmark = pytest.mark.integration
LEAD = "t.visser"
"""The team leader of wijkteam-haven (mandate ALM-M-05): determines the dwangsom on behalf of the college."""


def share(report: dict[str, Any], clock: str) -> tuple[int, int, int]:
    term = team_term(report, clock)
    return term["on_time"], term["late"], term["missed"]


def moved(before: tuple[int, int, int], after: tuple[int, int, int]) -> tuple[int, int, int]:
    return after[0] - before[0], after[1] - before[1], after[2] - before[2]


async def check_clocks(cycle: Cycle) -> list[dict[str, str]]:
    answer = await cycle.call("intake", "wijk-operator", "POST", "/clocks/check")
    return answer["missed"]  # type: ignore[no-any-return]


async def report_when(cycle: Cycle, done: Any) -> dict[str, Any]:
    return await cycle.found("reporting", "controller", f"/report/cycle?team={HAVEN}", done)  # type: ignore[no-any-return]


async def test_the_melding_terms_stop_from_their_facts_and_the_shares_on_time_move(cycle: Cycle) -> None:
    before = await cycle.cycle_report()
    prompt, late = await cycle.melding(), await cycle.melding()
    opened = cycle.today()
    plan_due, investigation_due = term_end(opened, days=7), term_end(opened, weeks=6)

    cycle.after(2)
    body = {"case_id": str(prompt.case_id), "handed_in": True}
    await cycle.call("planning", PROFESSIONAL, "POST", f"/plans/{prompt.plan_id}/personal-plan", body, 201)
    assert (await cycle.clock_stopped(prompt, "personal_plan"))["stopped_on"] == cycle.today().isoformat()
    report = await report_when(cycle, lambda r: share(r, "personal_plan") != share(before, "personal_plan"))
    assert moved(share(before, "personal_plan"), share(report, "personal_plan")) == (1, 0, 0)

    cycle.move_to(plan_due + timedelta(days=1))
    body = {"case_id": str(late.case_id), "handed_in": False}
    await cycle.call("planning", PROFESSIONAL, "POST", f"/plans/{late.plan_id}/personal-plan", body, 201)
    await cycle.clock_stopped(late, "personal_plan")
    body = {"case_id": str(prompt.case_id)}
    await cycle.call("planning", PROFESSIONAL, "POST", f"/plans/{prompt.plan_id}/investigation-report", body, 201)
    await cycle.clock_stopped(prompt, "investigation")
    report = await report_when(cycle, lambda r: moved(share(before, "investigation"), share(r, "investigation"))[0])
    assert moved(share(before, "personal_plan"), share(report, "personal_plan")) == (1, 1, 0)
    assert moved(share(before, "investigation"), share(report, "investigation")) == (1, 0, 0)

    cycle.move_to(investigation_due + timedelta(days=1))
    assert {"case_id": str(late.case_id), "clock_id": "investigation"} in await check_clocks(cycle)
    report = await report_when(cycle, lambda r: moved(share(before, "investigation"), share(r, "investigation"))[2])
    assert moved(share(before, "investigation"), share(report, "investigation")) == (1, 0, 1)
    body = {"case_id": str(late.case_id)}
    await cycle.call("planning", PROFESSIONAL, "POST", f"/plans/{late.plan_id}/investigation-report", body, 201)
    stopped = await cycle.clock_stopped(late, "investigation")
    assert (stopped["stopped_on"], stopped["missed_on"]) == (cycle.today().isoformat(), cycle.today().isoformat())
    report = await report_when(cycle, lambda r: moved(share(before, "investigation"), share(r, "investigation"))[1])
    assert moved(share(before, "investigation"), share(report, "investigation")) == (1, 1, 0)
    haven = {(t["clock"]): t["share_on_time"] for t in report["team_terms"]}
    assert haven["personal_plan"] is not None and haven["investigation"] is not None


async def test_the_wgs_first_conversation_stops_its_term_and_the_beschikking_follows(cycle: Cycle) -> None:
    household = await cycle.melding(("income", "debts"))
    screening = {"arrears_on_fixed_costs": True, "collection_letters": True, "income_short": False,
                 "borrowing_for_bills": False, "threat": None}  # fmt: skip
    await cycle.call("intake", PROFESSIONAL, "POST", f"/cases/{household.case_id}/debt-screening", screening, 201)
    found = await cycle.found("debt", "schuldhulp-almere", f"/trajectories?household_id={household.household_id}")
    trajectory = f"/trajectories/{found[0]['trajectory_id']}"
    assert found[0]["first_conversation_due"] == term_end(cycle.today(), weeks=4).isoformat()

    held = cycle.after(5)
    await cycle.call("debt", "schuldhulp-almere", "POST", f"{trajectory}/intake-conversation",
                     {"held_on": held.isoformat()}, 204)  # fmt: skip
    refusal = {
        "admitted": False,
        "ground": "no_problematic_debts",
        "reasons": "De achterstand is met de eerstvolgende betaling ingelopen; er zijn geen andere schulden.",
    }
    decided = await cycle.call("debt", "schuldhulp-almere", "POST", f"{trajectory}/admission", refusal, 201)
    assert decided["admitted"] is False
    letter = flat(await cycle.call("debt", "schuldhulp-almere", "GET", f"{trajectory}/admission-letter"))
    assert "verzoek om schuldhulpverlening af te wijzen, omdat er is geen sprake van (dreigende) problematische" in (
        letter
    )
    assert "Motivering De achterstand is met de eerstvolgende betaling ingelopen" in letter
    assert "Namens het college van burgemeester en wethouders van Almere, schuldhulp-almere" in letter
    assert "bezwaar maken bij het college" in letter

    again = await cycle.response("debt", "schuldhulp-almere", "POST", f"{trajectory}/admission", {"admitted": True})
    assert again.status_code == 409, again.text
    report = await report_when(cycle, lambda r: team_term(r, "debt_first_conversation")["on_time"] >= 1)
    assert team_term(report, "debt_first_conversation")["missed"] == 0


async def application(cycle: Cycle, household: Household) -> dict[str, Any]:
    path = f"/cases/{household.case_id}/applications"
    return await cycle.call("intake", PROFESSIONAL, "POST", path, {"domain": "wmo"}, 201)  # type: ignore[no-any-return]


async def test_the_clock_index_follows_moved_terms_and_a_late_decision_costs_a_dwangsom(cycle: Cycle) -> None:
    suspended, extended = await cycle.melding(), await cycle.melding()
    applied = cycle.today()
    due = term_end(applied, days=14)
    terms = {h: f"decision:{(await application(cycle, h))['application_id']}" for h in (suspended, extended)}
    path = {h: f"/cases/{h.case_id}/clocks/{terms[h]}" for h in terms}

    invited = cycle.after(2)
    body = {"reason": "incomplete_application"}
    clock = await cycle.call("intake", PROFESSIONAL, "POST", f"{path[suspended]}/suspension", body)
    assert clock["suspended_from"] == (invited + timedelta(days=1)).isoformat()
    cycle.after(3)
    later = next_working_day_from(due + timedelta(days=21))
    body = {"due_on": later.isoformat(), "reason": "further_investigation"}
    assert (await cycle.call("intake", PROFESSIONAL, "POST", f"{path[extended]}/extension", body))["due_on"] == (
        later.isoformat()
    )

    cycle.move_to(due + timedelta(days=1))
    missed = {m["clock_id"] for m in await check_clocks(cycle)}
    assert not missed & set(terms.values()), "a suspended term, and an extended one, have not passed"
    resumed_on = cycle.after(2)
    clock = await cycle.call("intake", PROFESSIONAL, "POST", f"{path[suspended]}/resumption", {})
    stood_still = (resumed_on - (invited + timedelta(days=1))).days
    new_due = next_working_day_from(applied + timedelta(days=14 + stood_still))
    assert (clock["due_on"], clock["suspended_from"]) == (new_due.isoformat(), None)

    cycle.move_to(new_due)
    assert terms[suspended] not in {m["clock_id"] for m in await check_clocks(cycle)}, "its last day is in time"
    cycle.move_to(new_due + timedelta(days=1))
    assert {"case_id": str(suspended.case_id), "clock_id": terms[suspended]} in await check_clocks(cycle)
    cycle.move_to(later + timedelta(days=1))
    assert {"case_id": str(extended.case_id), "clock_id": terms[extended]} in await check_clocks(cycle)
    report = await cycle.found(
        "reporting", "controller", f"/report/terms?team={HAVEN}",
        lambda r: {terms[suspended], terms[extended]} <= {m["clock_id"] for m in r["missed"]},
    )  # fmt: skip
    last_days = {m["clock_id"]: m["due_on"] for m in report["missed"]}
    assert (last_days[terms[suspended]], last_days[terms[extended]]) == (new_due.isoformat(), later.isoformat())

    await dwangsom(cycle, extended, terms[extended], later)


async def dwangsom(cycle: Cycle, household: Household, term: str, decision_due: date) -> None:
    """The resident gives notice of default; the beschikking comes three weeks later; the college determines the
    penalty, which budget books on the team's penalty line and reporting counts."""
    before = await cycle.cycle_report()
    received = cycle.today()
    path = f"/cases/{household.case_id}/clocks/{term}"
    notice = await cycle.call("intake", "backoffice", "POST", f"{path}/notice-of-default", {}, 201)
    default = default_of(term, decision_due, received)
    assert (notice["penalty_from"], notice["penalty_cap_on"]) == (
        default.first_day.isoformat(), default.cap_day.isoformat(),
    )  # fmt: skip
    early = await cycle.response("intake", LEAD, "POST", f"{path}/penalty", {})
    assert early.status_code == 409 and "accru" in early.text, early.text

    sent = cycle.after(21)
    decisions = f"/plans/{household.plan_id}/decisions"
    taken = await cycle.call("planning", PROFESSIONAL, "POST", decisions, cycle.decision())
    assert taken["status"] == "taken"
    stopped = await cycle.clock_stopped(household, term)
    assert stopped["stopped_on"] == sent.isoformat()
    by_backoffice = await cycle.response("intake", "backoffice", "POST", f"{path}/penalty", {})
    assert by_backoffice.status_code == 403, "a beschikking is signed by a mandate holder, named in the register"
    penalty = await cycle.call("intake", LEAD, "POST", f"{path}/penalty", {}, 201)
    expected = determine(default, sent, cycle.today(), LEAD)
    assert (penalty["days"], penalty["amount_cents"]) == (expected.days, expected.amount_cents) and expected.days > 0
    twice = await cycle.response("intake", LEAD, "POST", f"{path}/penalty", {})
    assert twice.status_code == 409 and "already determined" in twice.text
    letter = flat(await cycle.call("intake", "backoffice", "GET", f"{path}/penalty-letter"))
    amount = f"{expected.amount_cents // 100},{expected.amount_cents % 100:02d}"
    assert f"stelt de dwangsom vast op € {amount} voor {expected.days} dagen" in letter.replace(".", "")
    assert f"Namens het college van burgemeester en wethouders van Almere, {LEAD}" in letter

    async def penalties_booked() -> list[tuple[int, int]]:
        # every budget fact of the household there is now (its FundsReserved came first; the booking follows)
        booked = await read_facts(cycle.stack.bootstrap, facts("budget"), 10**6, polls=4, of=[household.household_id])
        return [(f.amount_cents, f.days) for f in booked if isinstance(f, PenaltyBooked)]

    assert await eventually(penalties_booked, bool, timeout=60) == [(expected.amount_cents, expected.days)]
    report = await cycle.found(
        "reporting", "controller", f"/report/cycle?team={HAVEN}",
        lambda r: r["penalty_total_cents"] == before["penalty_total_cents"] + expected.amount_cents,
    )  # fmt: skip
    [team] = [p for p in report["penalties"] if p["team_id"] == HAVEN]
    assert team["notices"] >= 1 and team["penalties"] >= 1
