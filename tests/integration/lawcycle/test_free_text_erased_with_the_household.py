"""Free text typed about a household is erased with it (issue 18, finding 4; ADR 0006).

A professional types a name, a BSN and a diagnosis into every free-text field of the cycle: a goal, its own strength
and network, a revised goal, a partial award's motivation, a refusal's motivation, an evaluation's remarks, a
cancellation's reason, a bezwaar's grounds and the motivation of a refusal of debt assistance. The team reads them
back through planning, the backoffice and debt print them in their letters, yet no topic and no table holds them
readable: each is sealed with the household's text key. After the privacy officer erased the household, the key is
gone: the bus's bytes and the council's report (JSON, CSV, HTML) still hold none of it, and planning shows
`[gewist]` where the text was. On main, before sealing, every one of these was on `nl.wijkteam.planning.facts` (or
in a service's store) in plain text.
"""

from __future__ import annotations

import pytest

from tests.integration.intake.raw_stores import database_hits, forms, topic_hits
from tests.integration.lawcycle.cycle import PROFESSIONAL, Cycle, flat
from wijk.household_keys import ERASED_TEXT

pytestmark = pytest.mark.integration
TYPED = {
    "goal": "Anna Jansen wil nuchter blijven",
    "own_strength": "BSN 999990019 gaat zelf naar de AA",
    "network": "dochter Pieternel Jansen let op de alcoholverslaving",
    "revised_goal": "moeder met dementie blijft thuis wonen",
    "revised_own_strength": "Anna kookt zelf met hulp van de thuiszorg",
    "partial_award": "Anna Jansen, BSN 999990019, alcoholverslaving: de helft van de uren volstaat",
    "refusal": "Mevrouw heeft dementie; haar zoon Kees Jansen doet de boodschappen al",
    "remarks": "terugval in drankgebruik na overlijden partner",
    "cancellation": "Anna Jansen is opgenomen in de verslavingskliniek Brijder",
    "bezwaar": "Ik, Anna Jansen, heb door mijn dementie de brief te laat gelezen",
    "debt_refusal": "Mevrouw Jansen gokt de schulden weg; eerst behandeling bij de verslavingszorg",
}


async def search(cycle: Cycle, needles: list[bytes]) -> set[tuple[bytes, str]]:
    """Every (needle, place) readable in any table of the stack's database and on any topic of its broker."""
    pool = cycle.stack["intake"].pool
    assert pool is not None
    async with pool.acquire() as conn:
        in_database = await database_hits(conn, needles)
    on_topics, searched = await topic_hits(cycle.stack.settings.kafka_bootstrap, needles)
    assert searched > 0
    return in_database | on_topics


async def reports(cycle: Cycle) -> str:
    """The council's report for the cycle's year, as JSON, CSV and HTML, and its cycle section."""
    year = cycle.today().year
    pages = [f"/report?year={year}", f"/report.csv?year={year}", f"/report.html?year={year}", "/report/cycle"]
    return "\n".join([str(await cycle.call("reporting", "controller", "GET", page)) for page in pages])


async def test_free_text_in_every_field_is_sealed_and_unreadable_after_erasure(cycle: Cycle) -> None:
    household = await cycle.melding(("care", "income", "debts"))
    plan = f"/plans/{household.plan_id}"
    screening = {"arrears_on_fixed_costs": True, "collection_letters": True, "income_short": False,
                 "borrowing_for_bills": False, "threat": None}  # fmt: skip
    await cycle.call("intake", PROFESSIONAL, "POST", f"/cases/{household.case_id}/debt-screening", screening, 201)
    found = await cycle.found("debt", "schuldhulp-almere", f"/trajectories?household_id={household.household_id}")
    trajectory = f"/trajectories/{found[0]['trajectory_id']}"
    income_goal = {"life_domain": "income"} | {field: TYPED[field] for field in ("goal", "own_strength", "network")}
    await cycle.call("planning", PROFESSIONAL, "POST", f"{plan}/goals", income_goal, 201)
    revised = {"goal": TYPED["revised_goal"], "own_strength": TYPED["revised_own_strength"]}
    await cycle.call("planning", PROFESSIONAL, "POST", f"{plan}/goals/care/revisions", revised, 201)

    partial = cycle.decision(
        kind="partial_award", amount_cents=150_000, requested_amount_cents=250_000, legal_ground="own_strength",
        reasons=TYPED["partial_award"],
    )  # fmt: skip
    awarded = await cycle.call("planning", PROFESSIONAL, "POST", f"{plan}/decisions", partial, 201)
    proposal = cycle.decision(provision_code="wmo-begeleiding-individueel")
    escalated = await cycle.call("planning", "g.el-amrani", "POST", f"{plan}/decisions", proposal)
    assert escalated["status"] == "escalated", escalated
    refusal = {"legal_ground": "own_strength", "reasons": TYPED["refusal"]}
    await cycle.call("planning", PROFESSIONAL, "POST", f"{plan}/decisions/{escalated['decision_id']}/refusal", refusal)

    awarded_letter = f"/decisions/{awarded['decision_id']}/letter"
    letter = flat(await cycle.found("backoffice", "backoffice", awarded_letter))
    assert TYPED["partial_award"] in letter, "the backoffice unseals the motivation for its letter"
    refused = flat(await cycle.found("backoffice", "backoffice", f"/decisions/{escalated['decision_id']}/letter"))
    assert TYPED["refusal"] in refused

    objection = {"grounds": TYPED["bezwaar"]}
    await cycle.call("backoffice", "backoffice", "POST", f"/decisions/{escalated['decision_id']}/objections", objection,
                     201)  # fmt: skip

    held = cycle.after(5)
    await cycle.call("debt", "schuldhulp-almere", "POST", f"{trajectory}/intake-conversation",
                     {"held_on": held.isoformat()}, 204)  # fmt: skip
    refused_help = {"admitted": False, "ground": "no_problematic_debts", "reasons": TYPED["debt_refusal"]}
    await cycle.call("debt", "schuldhulp-almere", "POST", f"{trajectory}/admission", refused_help, 201)
    debt_letter = f"{trajectory}/admission-letter"
    assert TYPED["debt_refusal"] in flat(await cycle.call("debt", "schuldhulp-almere", "GET", debt_letter))

    cycle.after(25)
    results = {"results": [{"life_domain": "care", "outcome": "partly",
                                                           "remarks": TYPED["remarks"]}]}  # fmt: skip
    await cycle.call("planning", PROFESSIONAL, "POST", f"{plan}/evaluations", results, 201)
    cancellation = {"reason": TYPED["cancellation"]}
    await cycle.call("planning", PROFESSIONAL, "POST", f"{plan}/decisions/{awarded['decision_id']}/cancellation",
                     cancellation)  # fmt: skip
    withdrawal = f"/decisions/{awarded['decision_id']}/withdrawal-letter"
    assert TYPED["cancellation"] in flat(await cycle.found("backoffice", PROFESSIONAL, withdrawal))

    shown = await cycle.call("planning", PROFESSIONAL, "GET", plan)
    goals = {goal["life_domain"]: goal for goal in shown["goals"]}
    assert (goals["income"]["goal"], goals["care"]["goal"]) == (TYPED["goal"], TYPED["revised_goal"])
    assert goals["care"]["remarks"] == TYPED["remarks"], "the team reads its own text back through planning"

    needles = [form for text in TYPED.values() for form in forms(text)]
    needles += [b"999990019", b"alcoholverslaving", b"dementie", b"Pieternel"]
    control = str(household.household_id).encode()  # the pseudonymous id is there: the search finds what is there
    before = await search(cycle, [*needles, control])
    assert {needle for needle, _ in before} == {control}, f"free text readable before erasure: {before}"
    assert "999990019" not in await reports(cycle)

    erased = await cycle.call("intake", "privacy", "POST", f"/households/{household.household_id}/erasure")
    assert erased["erased_on"] == cycle.today().isoformat()

    assert await search(cycle, needles) == set()
    report = await reports(cycle)
    for text in [*TYPED.values(), "999990019", "alcoholverslaving", "dementie", "g.el-amrani"]:
        assert text not in report, text
    after = await cycle.call("planning", PROFESSIONAL, "GET", plan)
    goals = {goal["life_domain"]: goal for goal in after["goals"]}
    assert goals["income"]["own_strength"] == ERASED_TEXT and goals["care"]["remarks"] == ERASED_TEXT
    assert len(after["decisions"]) == 2, "the plan still loads and counts its decisions"
    gone = await cycle.response("backoffice", "backoffice", "GET", f"/decisions/{escalated['decision_id']}/letter")
    assert TYPED["refusal"] not in gone.text
    debt_gone = await cycle.response("debt", "schuldhulp-almere", "GET", debt_letter)
    assert TYPED["debt_refusal"] not in debt_gone.text
