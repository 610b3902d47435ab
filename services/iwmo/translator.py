"""From the gateway's internal events to the facts it publishes. Toewijzingen, held and sent 301s, claims and the
archive (which holds the XML, with the BSN) stay inside."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from contracts.events.iwmo import (
    CareDeclarationReported,
    CareStartReported,
    CareStopReported,
    ProviderRequestReceived,
)
from services.iwmo.domain.client_file import ClientFile
from services.iwmo.domain.request import ProviderRequest


@singledispatch
def translate(event: Any) -> Any:
    return None


def _fields(event: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(event, name) for name in names}


@translate.register(ClientFile.StartAccepted)
def _(event: Any) -> CareStartReported:
    return CareStartReported(**_fields(event, "household_id", "assignment_id", "provider_id", "start_date"))


@translate.register(ClientFile.StopAccepted)
def _(event: Any) -> CareStopReported:
    names = ("household_id", "assignment_id", "provider_id", "end_date", "reason_code")
    return CareStopReported(**_fields(event, *names))


@translate.register(ClientFile.LineApproved)
def _(event: Any) -> CareDeclarationReported:
    names = ("household_id", "declaration_id", "assignment_id", "provider_id", "period_start", "period_end")
    return CareDeclarationReported(**_fields(event, *names, "volume", "unit", "amount_cents"))


@translate.register(ProviderRequest.Received)  # type: ignore[attr-defined]
def _(event: Any) -> ProviderRequestReceived | None:
    """Only a request for a household the gateway knows goes to planning (the others were refused at once)."""
    if event.household_id is None:
        return None
    details = {name: value for name, value in event.details.items() if value is not None}
    return ProviderRequestReceived(
        household_id=event.household_id, request_id=event.originator_id, provider_id=event.provider_id,
        reference=event.reference, kind=event.kind, **details,
    )  # fmt: skip
