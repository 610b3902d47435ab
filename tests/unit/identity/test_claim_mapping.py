"""The caller from claims, mapped by configuration: our provider's, Keycloak's and Entra ID's claim shapes."""

from __future__ import annotations

import pytest

from wijk.auth.claims import ClaimMapping, ClaimsError, ClaimSource, caller_from_claims
from wijk.auth.config import ResourceServerConfig

pytestmark = pytest.mark.unit


def test_the_embedded_providers_plain_claims() -> None:
    claims = {
        "sub": "3f1c",
        "roles": ["professional", "wijkcoach"],
        "teams": ["wijkteam-haven"],
        "organisation": "gemeente-almere",
        "employee_id": "coach.jansen",
        "client_id": "wijk-cli",
    }
    caller = caller_from_claims(claims, ClaimMapping())
    assert caller.subject == "3f1c"
    assert caller.roles == {"professional", "wijkcoach"}
    assert caller.teams == {"wijkteam-haven"}
    assert (caller.organisation, caller.employee, caller.client_id) == ("gemeente-almere", "coach.jansen", "wijk-cli")


KEYCLOAK = ResourceServerConfig.model_validate(
    {
        "claims": {
            "roles": [{"claim": "realm_access.roles"}, {"claim": "resource_access.wijk-planning.roles"}],
            "teams": [{"claim": "groups", "prefix": "/teams/"}],
            "organisation": [{"claim": "organisation"}],
            "employee": [{"claim": "preferred_username"}],
        },
        "token_type": "",
    }
)


def test_keycloak_realm_roles_client_roles_and_group_paths() -> None:
    claims = {
        "sub": "f:kc:42",
        "azp": "wijk-dashboard",
        "realm_access": {"roles": ["default-roles-wijk", "professional"]},
        "resource_access": {"wijk-planning": {"roles": ["team-lead"]}},
        "groups": ["/teams/wijkteam-stad", "/admins"],
        "preferred_username": "coach.jansen",
    }
    caller = caller_from_claims(claims, KEYCLOAK.claims)
    assert caller.roles == {"default-roles-wijk", "professional", "team-lead"}
    assert caller.teams == {"wijkteam-stad"}  # "/admins" is not a team
    assert caller.organisation is None
    assert (caller.employee, caller.client_id) == ("coach.jansen", "wijk-dashboard")


ENTRA = ClaimMapping(
    subject="oid",
    roles=[ClaimSource(claim="roles")],
    teams=[ClaimSource(claim="groups", values={"6b0e-haven": "wijkteam-haven", "9a11-stad": "wijkteam-stad"})],
    organisation=[ClaimSource(claim="extension_organisation")],
    employee=[ClaimSource(claim="employeeid")],
)


def test_entra_app_roles_and_group_object_ids_translated_to_teams() -> None:
    claims = {
        "oid": "00000000-0000-0000-0000-0000000000aa",
        "sub": "pairwise-per-app",
        "appid": "b7c1",
        "roles": ["controller"],
        "groups": ["9a11-stad", "ffff-unrelated"],
    }
    caller = caller_from_claims(claims, ENTRA)
    assert caller.subject == "00000000-0000-0000-0000-0000000000aa"
    assert caller.roles == {"controller"}
    assert caller.teams == {"wijkteam-stad"}  # unknown groups are dropped, not passed through
    assert caller.client_id == "b7c1"


def test_claims_of_the_wrong_type_are_ignored_not_trusted() -> None:
    caller = caller_from_claims({"sub": "x", "roles": "controller", "teams": [1, None, "t"]}, ClaimMapping())
    assert caller.roles == {"controller"}  # a single string is one role
    assert caller.teams == {"t"}


@pytest.mark.parametrize("claims", [{}, {"sub": ""}, {"sub": 7}])
def test_a_token_without_a_subject_says_so(claims: dict[str, object]) -> None:
    with pytest.raises(ClaimsError, match="no subject"):
        caller_from_claims(claims, ClaimMapping())


def test_the_audience_is_per_service_and_configurable() -> None:
    assert ResourceServerConfig().audience("planning") == "wijk-planning"
    entra = ResourceServerConfig(audiences={"planning": "api://4f7e-planning"})
    assert entra.audience("planning") == "api://4f7e-planning"
    assert entra.audience("care") == "wijk-care"
