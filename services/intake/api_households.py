"""Households and their residents over HTTP; erasure (AVG art. 17). Personal data goes in, never out of intake."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field, field_validator

from contracts.bounds import LAST_DAY, PLAIN
from kernel.clock import today
from services.intake.access import household_in_scope, postcode_in_scope
from services.intake.application import IntakeApplication
from services.intake.domain.residents import EARLIEST_BIRTH, Address, Contact, HouseholdDetails, Resident
from wijk.auth.rights import Permit, Resource
from wijk.auth.routes import require
from wijk.request_body import RequestBody

Name = Annotated[str, Field(min_length=1, max_length=100, pattern=PLAIN)]
BirthDate = Annotated[
    date,
    Field(
        ge=EARLIEST_BIRTH,
        json_schema_extra={"formatMinimum": EARLIEST_BIRTH.isoformat(), "formatMaximum": LAST_DAY.isoformat()},
    ),
]


class ResidentBody(RequestBody):
    given_name: Name
    family_name: Name
    bsn: str = Field(
        max_length=12, description="Burgerservicenummer: digits 0-9 passing the 11-proef.", examples=["999990019"]
    )
    role: Literal["applicant", "partner", "child", "other"] = "applicant"
    date_of_birth: BirthDate | None = Field(None, description="From 1900 on, and not in the future.")

    @field_validator("date_of_birth")
    @classmethod
    def _born_already(cls, value: date | None) -> date | None:
        if value is not None and value > today():
            raise ValueError("a date of birth cannot lie in the future")
        return value


class AddressBody(RequestBody):
    street: Name
    house_number: str = Field(min_length=1, max_length=10, pattern=PLAIN, examples=["12", "12A"])
    postcode: str = Field(max_length=10, examples=["1353 AB"])
    city: str = Field("Almere", max_length=100, pattern=PLAIN)


class ContactBody(RequestBody):
    phone: str | None = Field(None, max_length=30, pattern=PLAIN)
    email: str | None = Field(None, max_length=200, pattern=PLAIN)


class HouseholdBody(RequestBody):
    address: AddressBody
    residents: list[ResidentBody] = Field(min_length=1, max_length=30)
    contact: ContactBody = Field(default_factory=ContactBody)


class RegisteredResponse(BaseModel):
    household_id: UUID
    district: str
    team_id: str


class ErasedResponse(BaseModel):
    household_id: UUID
    erased_on: date


def details_of(body: HouseholdBody) -> HouseholdDetails:
    residents = tuple(
        Resident(r.given_name, r.family_name, r.bsn, r.role, r.date_of_birth.isoformat() if r.date_of_birth else None)
        for r in body.residents
    )
    return HouseholdDetails(Address(**body.address.model_dump()), residents, Contact(**body.contact.model_dump()))


def router(app: IntakeApplication) -> APIRouter:
    api = APIRouter(tags=["households"])

    @api.post("/households", status_code=201, response_model=RegisteredResponse)
    async def register(
        body: HouseholdBody, permit: Permit = require("intake.household.register")
    ) -> RegisteredResponse:
        """Register a household with its residents. Every BSN must pass the 11-proef (422 otherwise). The
        personal data is sealed with the household's own key; only the pseudonymous id leaves intake. A
        professional registers households of the own team's districts only (403)."""
        await asyncio.to_thread(postcode_in_scope, app, body.address.postcode, permit)
        registered = await asyncio.to_thread(app.register_household, details_of(body))
        return RegisteredResponse(**vars(registered))

    @api.get("/households/{household_id}", responses={410: {"description": "The household was erased."}})
    async def show(household_id: UUID, permit: Permit = require("intake.personal-data.read")) -> dict[str, Any]:
        """The household with its residents, for its own team only (403 for anyone else). 410 once erased."""
        await asyncio.to_thread(household_in_scope, app, household_id, permit)
        return await asyncio.to_thread(app.household, household_id)

    @api.post(
        "/households/{household_id}/erasure",
        response_model=ErasedResponse,
        responses={410: {"description": "Already erased."}},
    )
    async def erase(household_id: UUID, permit: Permit = require("intake.erase")) -> ErasedResponse:
        """Erase the household's personal data (AVG art. 17) by destroying its key (crypto-shredding), by the
        privacy officer only. Its pseudonymous facts stay; HouseholdErased is published; intake answers 410 for it
        from now on."""
        permit.on(Resource(household=str(household_id)))
        erased_on = await asyncio.to_thread(app.erase_household, household_id, today())
        return ErasedResponse(household_id=household_id, erased_on=erased_on)

    return api
