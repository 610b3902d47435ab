"""The backoffice's routes of the law cycle (issue 17): a late bezwaar with the judgement on its excusability
(Awb 6:11), and the letters of the cycle as sent: the withdrawal or change of a beschikking and the decision on a
bezwaar, as plain text and as HTML.

Every route declares its action (`config/rights.json`) and takes who acts from the token (`Caller`), never from
the body; the contested beschikking's team is the scope.
"""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, PlainTextResponse
from pydantic import Field

from contracts.bounds import PLAIN, Text
from kernel.clock import today
from services.backoffice.application import BackofficeApplication
from services.backoffice.domain.objection import Excusability
from wijk.auth.rights import Permit, Resource
from wijk.auth.routes import require
from wijk.request_body import RequestBody

ANSWERS: dict[int | str, dict[str, Any]] = {
    403: {"description": "Not the caller's team, or not the caller's role."},
    404: {"description": "No such beschikking, bezwaar or letter."},
}


class LateObjectionBody(RequestBody):
    """A bezwaar lodged after the bezwaartermijn, and the college's judgement whether that is excusable."""

    grounds: str = Field(min_length=1, max_length=10_000, pattern=PLAIN, description="Why the objector disagrees.")
    advisory_committee: bool = Field(False, description="Heard by an advisory committee (Awb 7:13): 12 weeks.")
    excusable: bool = Field(description="Awb 6:11: the lateness is excusable (verschoonbaar), or not.")
    reasons: Text = Field(min_length=1, description="Why the lateness is, or is not, excusable.")


def actor(permit: Permit) -> str:
    return permit.caller.employee or permit.caller.subject


def in_scope(app: BackofficeApplication, decision_id: UUID, permit: Permit) -> str:
    """The beschikking exists (404) and is of a team the caller may act for (403); returns who acts."""
    contested = app.contested(decision_id)
    permit.on(Resource(team=contested.team_id, household=str(contested.household_id)))
    return actor(permit)


def router(app: BackofficeApplication) -> APIRouter:
    api = APIRouter(prefix="/decisions/{decision_id}", tags=["backoffice: the law cycle"], responses=ANSWERS)

    async def scoped(decision_id: UUID, permit: Permit) -> str:
        return await asyncio.to_thread(in_scope, app, decision_id, permit)

    @api.post("/late-objections", status_code=201)
    async def lodge_late_objection(
        decision_id: UUID, body: LateObjectionBody, permit: Permit = require("backoffice.objection.judge")
    ) -> dict[str, Any]:
        """Record a bezwaar after the bezwaartermijn with the judgement on its excusability (Awb 6:11), by the
        caller. An inexcusably late bezwaar can then only be declared niet-ontvankelijk; 422 when it is in time."""
        judge = await scoped(decision_id, permit)
        judgement = Excusability(body.excusable, body.reasons, judge)
        lodge = app.lodge_objection
        objection_id = await asyncio.to_thread(
            lodge, decision_id, body.grounds, body.advisory_committee, today(), judgement
        )
        return await asyncio.to_thread(app.objection, decision_id, objection_id)

    @api.get("/withdrawal-letter", response_class=PlainTextResponse)
    async def withdrawal_letter(decision_id: UUID, permit: Permit = require("backoffice.letters.read")) -> str:
        """The beschikking that withdrew (intrekking) or changed (wijziging) this one, as plain text."""
        await scoped(decision_id, permit)
        return await asyncio.to_thread(app.withdrawal_text, decision_id)

    @api.get("/withdrawal-letter.html", response_class=HTMLResponse)
    async def withdrawal_letter_html(decision_id: UUID, permit: Permit = require("backoffice.letters.read")) -> str:
        await scoped(decision_id, permit)
        return await asyncio.to_thread(app.withdrawal_html, decision_id)

    @api.get("/objections/{objection_id}/letter", response_class=PlainTextResponse)
    async def objection_letter(
        decision_id: UUID, objection_id: UUID, permit: Permit = require("backoffice.letters.read")
    ) -> str:
        """The decision on the bezwaar (beslissing op bezwaar), with the beroep clause, as plain text."""
        await scoped(decision_id, permit)
        return await asyncio.to_thread(app.objection_decision_text, decision_id, objection_id)

    @api.get("/objections/{objection_id}/letter.html", response_class=HTMLResponse)
    async def objection_letter_html(
        decision_id: UUID, objection_id: UUID, permit: Permit = require("backoffice.letters.read")
    ) -> str:
        await scoped(decision_id, permit)
        return await asyncio.to_thread(app.objection_decision_html, decision_id, objection_id)

    return api
