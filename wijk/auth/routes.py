"""The FastAPI side of access control: `require(action)` on a route, `install` on an app, and `/access-log`.

@api.post("/plans/{plan_id}/decisions")
async def decide(plan_id: UUID, body: DecisionBody, permit: Permit = require("planning.decide")):
    plan = await load(plan_id)
    permit.on(Resource(team=plan.team_id, household=str(plan.household_id)))   # 403 outside the scope
    ... permit.caller.subject is who decides ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.responses import JSONResponse

from wijk.auth.context import AccessContext
from wijk.auth.guard import AccessControl, AccessGuard
from wijk.auth.rights import Forbidden, Permit, permit
from wijk.auth.tokens import InvalidToken


def require(action: str) -> Any:
    """A route dependency: the authenticated caller may do `action` (403 naming the rule otherwise)."""

    async def check(request: Request) -> Permit:
        control: AccessControl = request.app.state.access_control
        context: AccessContext = request.scope["state"]["access"]
        rights = control.rights.of(action)
        context.action, context.basis, context.personal_data = action, rights.basis, rights.personal_data
        if context.caller is None:  # the guard admits no request without a caller; this is a second lock
            raise InvalidToken("no authenticated caller")
        return permit(control.rights, context.caller, action, observe=context.observe)

    check.required_action = action  # type: ignore[attr-defined]
    return Depends(check)


def install(app: FastAPI, control: AccessControl) -> None:
    """Guard every route of `app` that is not public, answer refusals clearly, and serve the access log."""
    app.state.access_control = control
    app.add_middleware(AccessGuard, control=control)
    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(InvalidToken, _unauthenticated)
    if control.access_log is not None:
        app.include_router(access_log_router(control))


def access_log_router(control: AccessControl) -> APIRouter:
    api = APIRouter(tags=["access log"])

    @api.get("/access-log", summary="Access records per household and/or employee (privacy officer)")
    async def access_log(
        household_id: str | None = Query(None, max_length=100, description="The household's pseudonymous id."),
        subject: str | None = Query(None, max_length=200, description="The employee's or organisation's subject."),
        limit: int = Query(100, ge=1, le=1000),
        _: Permit = require("access-log.read"),
    ) -> list[dict[str, Any]]:
        assert control.access_log is not None
        return await control.access_log.query(household=household_id, subject=subject, limit=limit)

    return api


def route_actions(app: FastAPI) -> dict[str, str | None]:
    """Each route (`METHOD /path`) with the action it requires, or None when it requires none."""
    public = app.state.access_control.public if hasattr(app.state, "access_control") else frozenset()
    actions: dict[str, str | None] = {}
    for route in _endpoints(app.routes):
        if route.path not in public:
            for method in sorted(route.methods or ()):
                actions[f"{method} {route.path}"] = _required_action(route.dependant)
    return actions


def _endpoints(routes: Iterable[Any]) -> Iterator[Any]:
    """Every API route, also inside routers included by FastAPI >= 0.16x (which no longer flattens them)."""
    for route in routes:
        candidates = getattr(route, "effective_candidates", None)
        if callable(candidates):
            yield from _endpoints(candidates())
        elif isinstance(getattr(route, "dependant", None), Dependant):
            yield route


def _required_action(dependant: Dependant) -> str | None:
    for dependency in dependant.dependencies:
        action = getattr(dependency.call, "required_action", None) or _required_action(dependency)
        if action:
            return str(action)
    return None


async def _forbidden(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Forbidden)
    _note(request, exc.reason)
    body = {"error": "forbidden", "detail": str(exc), "action": exc.action, "rule": exc.rule}
    return JSONResponse(status_code=403, content=body)


async def _unauthenticated(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InvalidToken)
    _note(request, exc.reason)
    body = {"error": "invalid_token", "detail": exc.reason}
    return JSONResponse(status_code=401, content=body, headers={"WWW-Authenticate": "Bearer"})


def _note(request: Request, reason: str) -> None:
    context = request.scope.get("state", {}).get("access")
    if isinstance(context, AccessContext):
        context.reason = reason
