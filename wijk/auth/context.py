"""What the guard knows about one request, gathered as it runs, and the access record made from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wijk.auth.access_log import AccessRecord
from wijk.auth.claims import Caller
from wijk.auth.rights import Resource

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class AccessContext:
    service: str
    method: str
    path: str
    trace_id: str | None = None
    caller: Caller | None = None
    via_cookie: bool = False
    action: str | None = None
    basis: str | None = None
    personal_data: bool = False
    resource: Resource | None = None
    reason: str | None = None
    params: dict[str, str] = field(default_factory=dict)

    def observe(self, resource: Resource) -> None:
        """Called by `Permit.on`: the household the request is about goes on the record."""
        self.resource = resource

    def should_record(self, status: int) -> bool:
        """Every command, every read of personal data, and every refusal."""
        return self.method in UNSAFE or self.personal_data or status in (401, 403)

    def record(self, status: int, route: str) -> AccessRecord:
        caller = self.caller
        household = (self.resource.household if self.resource else None) or self.params.get("household_id")
        return AccessRecord(
            service=self.service,
            method=self.method,
            route=route,
            status=status,
            subject=caller.subject if caller else None,
            roles=sorted(caller.roles) if caller else [],
            organisation=caller.organisation if caller else None,
            client_id=caller.client_id if caller else None,
            action=self.action,
            resource=self.params,
            household=household,
            basis=self.basis,
            reason=self.reason,
            trace_id=self.trace_id,
        )


def route_of(scope: Mapping[str, Any]) -> str:
    """The route template (`/plans/{plan_id}`) once routing has run, else the raw path."""
    route = scope.get("route")
    return str(getattr(route, "path", None) or scope.get("path", ""))
