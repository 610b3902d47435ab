"""The simulator's closing summary, read back from reporting's JSON API (its progress: `tooling.progress`)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx


async def wait_for_reporting(
    client: httpx.AsyncClient, reporting: str, before: dict[str, Any], played: Any, say: Any, timeout: float = 180
) -> dict[str, Any]:
    """Reporting's summary once every case and every paid decision's outcome (letter or refusal) is counted,
    and the figures stopped moving; after `timeout` the last summary, with a warning."""
    cases = (
        before.get("cases_opened", 0)
        + len(played.opened)
        + played.tally["arrears signals from the housing corporation"]
    )
    outcomes = before.get("letters_issued", 0) + before.get("funds_refused", 0) + played.taken_paid
    deadline, last, steady = time.monotonic() + timeout, None, 0
    while True:
        summary: dict[str, Any] = (await client.get(f"{reporting}/summary")).json()
        complete = summary["cases_opened"] >= cases and summary["letters_issued"] + summary["funds_refused"] >= outcomes
        steady = steady + 1 if summary == last else 0
        if complete and steady >= 4:
            return summary
        if time.monotonic() > deadline:
            say(f"warning: reporting did not settle within {timeout:.0f}s; the figures below may be incomplete")
            return summary
        last = summary
        await asyncio.sleep(0.5)


def euro(cents: int) -> str:
    return f"{cents / 100:,.0f}"


def print_report(result: dict[str, Any], say: Any = print) -> None:
    summary, teams = result["summary"], result["teams"]
    say(f"\n{result['municipality']}: {result['households']} households, seed {result['seed']}")
    say("\nthe council's report, per team (GET /teams on reporting, replayed from the facts):")
    say(f"  {'team':<32}{'cases':>6}{'decis.':>7}{'reserved EUR':>14}{'letters':>8}{'care':>6}{'debt':>6}")
    for team in teams:
        say(
            f"  {team['team_id']:<32}{team['cases_opened']:>6}{team['decisions']:>7}"
            f"{euro(team['funds_reserved_cents']):>14}{team['letters_issued']:>8}{team['care_started']:>6}"
            f"{team['debt_referrals']:>6}"
        )
    say("\nbudgets per team and line (allocated / reserved / remaining, EUR):")
    for team in teams:
        for line in team["budget"]:
            say(
                f"  {team['team_id']:<32}{line['year']:>5} {line['budget_line']:<19}"
                f"{euro(line['allocated_cents']):>14}{euro(line['reserved_cents']):>12}{euro(line['remaining_cents']):>14}"
            )
    say("\nthe municipality (GET /summary):")
    for name in ("cases_opened", "decisions", "funds_refused", "letters_issued", "providers_assigned",
                 "care_started", "debt_referrals"):  # fmt: skip
        say(f"  {name.replace('_', ' '):<24}{summary[name]:>10}")
    say(f"  {'funds reserved EUR':<24}{euro(summary['funds_reserved_cents']):>10}")
    year_end = result.get("year_end")
    if year_end:
        say(
            f"\nyear-end close of {year_end['year']} on {year_end['closed_on']}: open reservations carried into "
            f"{year_end['year'] + 1}: EUR {euro(year_end['carried_over_cents'])}; "
            f"statements balanced: {'yes' if year_end['balanced'] else 'NO'}"
        )
    say("\nwhat the simulator did:")
    for name, count in result["simulated"].items():
        say(f"  {name:<48}{count:>6}")
    say(f"  satisfaction endpoint on intake: {result['satisfaction_endpoint']}")
