"""The rights evaluator, row by row: the rules the issue names, and then every rule in the shared matrix."""

from __future__ import annotations

import pytest

from wijk.auth.claims import Caller
from wijk.auth.rights import SCOPES, Forbidden, Resource, Rule, load_rights, permit

pytestmark = pytest.mark.unit
RIGHTS = load_rights()
HAVEN, STAD = "wijkteam-haven", "wijkteam-stad"


def person(*roles: str, teams: tuple[str, ...] = (), organisation: str | None = None) -> Caller:
    return Caller(subject="s-1", roles=frozenset(roles), teams=frozenset(teams), organisation=organisation)


def allowed(caller: Caller, action: str, resource: Resource | None = None) -> bool:
    try:
        granted = permit(RIGHTS, caller, action)
        if resource is not None:
            granted.on(resource)
    except Forbidden:
        return False
    return True


COACH_HAVEN = person("professional", teams=(HAVEN,))
LEAD_HAVEN = person("professional", "team-lead", teams=(HAVEN,))
CONSULENT = person("municipal-professional")
PROVIDER = person("care-provider", organisation="zorg-flevoland")
DEBT = person("debt-assistance", organisation="schuldhulp-almere")

NAMED_ROWS = [
    ("planning.decide", COACH_HAVEN, Resource(team=HAVEN), True),
    ("planning.decide", COACH_HAVEN, Resource(team=STAD), False),  # team A reads team B's household
    ("planning.decide", CONSULENT, Resource(team=STAD), True),  # municipality-wide, and explicitly so
    ("planning.decide", person("controller"), Resource(team=HAVEN), False),
    ("planning.approve", LEAD_HAVEN, Resource(team=HAVEN), True),
    ("planning.approve", COACH_HAVEN, Resource(team=HAVEN), True),  # the mandate register decides further
    ("planning.approve", COACH_HAVEN, Resource(team=STAD), False),
    ("planning.approve", person("controller"), Resource(team=HAVEN), False),
    ("intake.personal-data.read", COACH_HAVEN, Resource(team=HAVEN), True),
    ("intake.personal-data.read", COACH_HAVEN, Resource(team=STAD), False),
    ("intake.personal-data.read", CONSULENT, Resource(team=HAVEN), False),  # only the household's own team
    ("intake.personal-data.read", person("privacy-officer"), Resource(team=HAVEN), False),
    ("intake.erase", person("privacy-officer"), Resource(team=HAVEN), True),
    ("intake.erase", LEAD_HAVEN, Resource(team=HAVEN), False),
    ("care.act", PROVIDER, Resource(provider="zorg-flevoland"), True),
    ("care.act", PROVIDER, Resource(provider="thuiszorg-almere"), False),  # another provider's assignment
    ("care.read", person("professional", teams=(HAVEN,)), Resource(provider="zorg-flevoland"), False),
    ("debt.act", DEBT, Resource(organisation="schuldhulp-almere"), True),
    ("debt.act", DEBT, Resource(organisation="schuldhulp-elders"), False),
    ("reporting.read", person("council-member"), None, True),
    ("reporting.read", person("controller"), None, True),
    ("reporting.read", COACH_HAVEN, None, False),
    ("budget.year-close", person("controller"), None, True),
    ("budget.year-close", LEAD_HAVEN, None, False),
    ("budget.reserve.approve", LEAD_HAVEN, None, False),
    ("access-log.read", person("privacy-officer"), None, True),
    ("access-log.read", person("controller"), None, False),
    ("intake.clocks.check", person("operator"), None, True),
    ("intake.clocks.check", PROVIDER, None, False),
]


@pytest.mark.parametrize(("action", "caller", "resource", "expected"), NAMED_ROWS)
def test_named_rule(action: str, caller: Caller, resource: Resource | None, expected: bool) -> None:
    assert allowed(caller, action, resource) is expected


def _in_scope(scope: str) -> tuple[Caller, Resource, Resource | None]:
    """A caller with the scope's membership, a resource inside it, and one outside (None when none exists)."""
    if scope == "own-team":
        return person(teams=(HAVEN,)), Resource(team=HAVEN), Resource(team=STAD)
    if scope == "own-assignments":
        return person(organisation="p-1"), Resource(provider="p-1"), Resource(provider="p-2")
    if scope == "own-trajectories":
        return person(organisation="d-1"), Resource(organisation="d-1"), Resource(organisation="d-2")
    return person(), Resource(team=STAD), None


EVERY_RULE = [(action, rule) for action, rights in RIGHTS.actions.items() for rule in rights.rules]


@pytest.mark.parametrize(("action", "rule"), EVERY_RULE, ids=[f"{a}:{r}" for a, r in EVERY_RULE])
def test_every_rule_admits_its_role_inside_its_scope_only(action: str, rule: Rule) -> None:
    member, inside, outside = _in_scope(rule.scope)
    caller = person(rule.role, teams=tuple(member.teams), organisation=member.organisation)
    assert allowed(caller, action, inside)
    if outside is not None:
        others = [r for r in RIGHTS.of(action).rules if r.role == rule.role and r.scope == "municipality"]
        assert allowed(caller, action, outside) is bool(others)


@pytest.mark.parametrize("action", sorted(RIGHTS.actions))
def test_a_caller_without_any_listed_role_is_refused_naming_the_rule(action: str) -> None:
    with pytest.raises(Forbidden) as refused:
        permit(RIGHTS, person("partner", "nobody"), action)
    assert refused.value.rule == " or ".join(str(rule) for rule in RIGHTS.of(action).rules)
    assert "partner" in refused.value.reason


def test_a_scope_refusal_says_whose_resource_it_is() -> None:
    with pytest.raises(Forbidden) as refused:
        permit(RIGHTS, COACH_HAVEN, "planning.decide").on(Resource(team=STAD))
    assert refused.value.rule == "professional@own-team"  # the caller's own rule, the one that refused
    assert STAD in refused.value.reason and HAVEN in refused.value.reason


def test_a_resource_without_a_team_is_outside_every_team() -> None:
    assert not allowed(COACH_HAVEN, "planning.decide", Resource(team=None))


def test_every_action_records_a_basis_and_names_known_scopes() -> None:
    for rights in RIGHTS.actions.values():
        assert rights.basis.strip()
        assert all(rule.scope in SCOPES for rule in rights.rules)


def test_rules_parse_and_refuse_unknown_scopes() -> None:
    assert Rule.parse("wijkcoach@own-team") == Rule("wijkcoach", "own-team")
    assert Rule.parse("controller") == Rule("controller", "municipality")
    with pytest.raises(ValueError, match="scope"):
        Rule.parse("wijkcoach@everywhere")


def test_unknown_action_is_an_error_not_a_refusal() -> None:
    with pytest.raises(LookupError, match="not in the rights matrix"):
        permit(RIGHTS, COACH_HAVEN, "planning.teleport")
