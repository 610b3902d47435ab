"""Rights as data: which role may do which action, and on what scope. One small pure evaluator.

`config/rights.json` holds the matrix (role x action x scope); a municipality may override single actions in its
own `rights.json`. A rule reads `role@scope`, or just `role` for municipality-wide. Scopes:

- `own-team`: the resource's team is one of the caller's teams (a household of the caller's team);
- `own-assignments`: the resource's provider is the caller's organisation (a care provider's assignments);
- `own-trajectories`: the resource's organisation is the caller's organisation (debt assistance);
- `municipality`: any resource of the municipality (explicit, never a default for professionals).

`permit(rights, caller, action)` answers "may this caller do this at all" (403 when no role fits) and gives a
`Permit`; `Permit.on(resource)` answers "on this resource" once the handler has loaded it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wijk.auth.claims import Caller

Scope = Literal["own-team", "own-assignments", "own-trajectories", "municipality"]
SCOPES: tuple[str, ...] = get_args(Scope)
DEFAULT_RIGHTS = Path(__file__).resolve().parents[2] / "config" / "rights.json"


@dataclass(frozen=True)
class Rule:
    role: str
    scope: Scope = "municipality"

    @classmethod
    def parse(cls, text: str) -> Rule:
        role, _, scope = text.partition("@")
        scope = scope or "municipality"
        if not role or scope not in SCOPES:
            raise ValueError(f"rule {text!r}: expected role or role@scope with scope one of {', '.join(SCOPES)}")
        return cls(role, cast(Scope, scope))

    def __str__(self) -> str:
        return self.role if self.scope == "municipality" else f"{self.role}@{self.scope}"


class ActionRights(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rules: tuple[Rule, ...] = Field(description="Who may: `role@scope` or `role` (municipality-wide).")
    personal_data: bool = Field(False, description="A read of personal data: every read is on the access log.")
    basis: str = Field(min_length=1, description="Purpose or legal basis, recorded with each access.")
    routes: tuple[str, ...] = Field((), description="The routes that require it (documentation).")

    @field_validator("rules", mode="before")
    @classmethod
    def _parse(cls, value: Iterable[str | Rule]) -> tuple[Rule, ...]:
        return tuple(v if isinstance(v, Rule) else Rule.parse(v) for v in value)


class Rights(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    actions: dict[str, ActionRights]

    def of(self, action: str) -> ActionRights:
        try:
            return self.actions[action]
        except KeyError:
            raise LookupError(f"action {action!r} is not in the rights matrix") from None

    def overridden_by(self, other: Rights) -> Rights:
        return Rights(actions={**self.actions, **other.actions})


@dataclass(frozen=True)
class Resource:
    """What a scope is checked against: the household's team, the assignment's provider, the trajectory's owner."""

    team: str | None = None
    provider: str | None = None
    organisation: str | None = None
    household: str | None = None


class Forbidden(Exception):
    """403: the caller may not; `rule` names what would have allowed it."""

    def __init__(self, action: str, rule: str, reason: str) -> None:
        super().__init__(f"{action} requires {rule}: {reason}")
        self.action, self.rule, self.reason = action, rule, reason


@dataclass(frozen=True)
class Permit:
    """The caller may do `action` under `rules`; `on(resource)` checks the scope once the resource is known."""

    action: str
    caller: Caller
    rules: tuple[Rule, ...]
    observe: Callable[[Resource], None] | None = field(default=None, compare=False)

    @property
    def actor(self) -> str:
        """Who acts, for the facts: the professional's id in the mandate register when the token carries one, the
        token's pseudonymous subject otherwise (staff, organisations)."""
        return self.caller.employee or self.caller.subject

    @property
    def role(self) -> str:
        """The caller's role that opened the door (the first of the action's rules the caller holds)."""
        return self.rules[0].role

    def on(self, resource: Resource) -> Resource:
        if self.observe is not None:
            self.observe(resource)
        if any(_in_scope(rule.scope, self.caller, resource) for rule in self.rules):
            return resource
        required = " or ".join(str(rule) for rule in self.rules)
        raise Forbidden(self.action, required, _scope_reason(self.rules, self.caller, resource))


def permit(rights: Rights, caller: Caller, action: str, observe: Callable[[Resource], None] | None = None) -> Permit:
    allowed = rights.of(action).rules
    mine = tuple(rule for rule in allowed if rule.role in caller.roles)
    if not mine:
        roles = ", ".join(sorted(caller.roles)) or "none"
        required = " or ".join(str(rule) for rule in allowed) or "a role no one has"
        raise Forbidden(action, required, f"the caller's roles are {roles}")
    return Permit(action, caller, mine, observe)


def _in_scope(scope: Scope, caller: Caller, resource: Resource) -> bool:
    if scope == "municipality":
        return True
    if scope == "own-team":
        return resource.team is not None and resource.team in caller.teams
    if scope == "own-assignments":
        return resource.provider is not None and resource.provider == caller.organisation
    return resource.organisation is not None and resource.organisation == caller.organisation


def _scope_reason(rules: tuple[Rule, ...], caller: Caller, resource: Resource) -> str:
    scopes = {rule.scope for rule in rules}
    if "own-team" in scopes:
        teams = ", ".join(sorted(caller.teams)) or "none"
        return f"the resource belongs to team {resource.team or 'unknown'}; the caller's teams are {teams}"
    owner = resource.provider if "own-assignments" in scopes else resource.organisation
    return f"the resource belongs to {owner or 'no organisation'}; the caller is {caller.organisation or 'none'}"


class RightsError(RuntimeError):
    """A rights file is missing or invalid."""


def load_rights(default: Path = DEFAULT_RIGHTS, override: Path | None = None) -> Rights:
    """The shared matrix, with the municipality's overrides (a whole action at a time) when its file exists."""
    rights = _read(default)
    if override is not None and override.exists():
        rights = rights.overridden_by(_read(override))
    return rights


def _read(path: Path) -> Rights:
    try:
        return Rights.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise RightsError(f"rights file {path} does not exist") from None
    except (ValueError, ValidationError) as exc:
        raise RightsError(f"rights file {path} is invalid: {exc}") from None


def matrix_markdown(rights: Rights) -> str:
    """The matrix as the Markdown table of `docs/identity.md` (a test keeps the two equal)."""
    lines = ["| action | who (role@scope) | personal data read | basis | routes |", "| --- | --- | --- | --- | --- |"]
    for action, entry in rights.actions.items():
        who = ", ".join(f"`{rule}`" for rule in entry.rules)
        routes = "<br>".join(f"`{route}`" for route in entry.routes)
        lines.append(f"| `{action}` | {who} | {'yes' if entry.personal_data else ''} | {entry.basis} | {routes} |")
    return "\n".join(lines) + "\n"
