"""Each provider's mailbox over HTTP: post an iWmo message, list and fetch what the gemeente sent since a position.

The acting provider is the organisation of the caller's access token (the provider's client credentials, issue
12), never read from the XML, a body or a header of the caller's choosing: `require("iwmo.mailbox")` admits a care
provider's client only (403 for anyone else), and `acting_provider` reads its organisation claim.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from kernel.clock import today
from kernel.errors import Refused
from services.iwmo.application import IwmoApplication
from services.iwmo.xml.schemas import SchemasMissing
from wijk.auth.rights import Forbidden, Permit
from wijk.auth.routes import require

XML = "application/xml"


def acting_provider(permit: Annotated[Permit, require("iwmo.mailbox")]) -> str:
    """The provider whose mailbox this is: the organisation its token names (a provider's client carries its id)."""
    organisation = permit.caller.organisation
    if not organisation:
        raise Forbidden("iwmo.mailbox", "care-provider", "the token names no organisation")
    return organisation


Provider = Annotated[str, Depends(acting_provider)]


def router(app: IwmoApplication, max_bytes: int = 10 * 1024 * 1024) -> APIRouter:
    api = APIRouter(tags=["iwmo"], prefix="/mailbox")

    @api.post("/messages", responses={413: {"description": "Too large"}, 503: {"description": "No XSDs"}})
    async def post_message(request: Request, provider: Provider) -> JSONResponse:
        """Deliver one iWmo 3.2 message (the body is the XML). The answer says what was accepted or refused and
        why, and where the retour waits in the mailbox; an unreadable message is kept with its reason (422)."""
        try:
            app.schemas.check_folder()
        except SchemasMissing as exc:  # an outage of the gateway, not the provider's fault: try again later
            return JSONResponse({"error": "schemas_missing", "detail": str(exc)}, status_code=503)
        document = await _body(request, max_bytes)
        outcome = await asyncio.to_thread(app.receive, provider, document, today())
        status = 422 if outcome["outcome"] == "unreadable" else 200
        return JSONResponse(outcome, status_code=status)

    @api.get("/messages")
    async def list_messages(
        provider: Provider,
        direction: Literal["out", "in"] = "out",
        after: int = Query(0, ge=0, le=2**63 - 1, description="Only messages after this position."),
        limit: int = Query(100, ge=1, le=1000),
    ) -> list[dict[str, Any]]:
        """The provider's messages in one direction after a position, oldest first: 'out' is what the gemeente
        sent (301s and retours), 'in' what the provider delivered, with the outcome and reasons."""
        return await asyncio.to_thread(app.messages, provider, direction, after, limit)

    @api.get("/messages/{position}", response_class=Response, responses={200: {"content": {XML: {}}}})
    async def get_message(position: Annotated[int, Path(ge=1, le=2**63 - 1)], provider: Provider) -> Response:
        """One message of the provider's own mailbox, exactly as it went over the wire."""
        return Response(await asyncio.to_thread(app.document, provider, position), media_type=XML)

    return api


async def _body(request: Request, max_bytes: int) -> bytes:
    """The body, read no further than the limit: a huge upload is refused before it is held, let alone parsed."""
    received = bytearray()
    async for chunk in request.stream():
        received.extend(chunk)
        if len(received) > max_bytes:
            raise TooLarge(f"the message exceeds {max_bytes} bytes")
    return bytes(received)


class TooLarge(Refused):
    """A body above the gateway's size limit (413)."""


__all__ = ["SchemasMissing", "TooLarge", "router"]
