"""The probe of issue 12 on the real stack: every route of every running service, read from its own OpenAPI
document, called without a token, with an `alg: none` token and with a token signed by a key the provider never
had, answers 401 (or 403), never anything the route would do; and no request body of any service names its own
actor (who acts comes from the token)."""

from __future__ import annotations

import base64
import json
import re
import time
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from tests.support.identity import IdentityProvider
from tests.support.stack import Stack

pytestmark = pytest.mark.integration
SOME_ID = "00000000-0000-4000-8000-000000000001"
ACTOR_FIELDS = re.compile(
    r"^(decided_by|approved_by|requested_by|closed_by|cancelled_by|assigned_by|set_by|evaluated_by|offered_by"
    r"|refused_by|judged_by|role|roles|actor|caller|subject|provider_id|organisation|employee_id)$"
)
"""Names a body would use to say who acts (`provider_id` as the caller; a provider named as the subject of a
fact, such as `hand_over_to`, is not an actor field)."""
METHODS = ("get", "post", "put", "patch", "delete")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def claims(identity: IdentityProvider, service: str) -> dict[str, Any]:
    now = int(time.time())
    return {
        "iss": identity.issuer, "aud": f"wijk-{service}", "sub": "probe", "iat": now, "exp": now + 300,
        "roles": ["municipal-professional", "controller", "privacy-officer", "care-provider", "operator"],
        "organisation": "zorg-flevoland",
    }  # fmt: skip


def alg_none(identity: IdentityProvider, service: str) -> str:
    header = _b64(json.dumps({"alg": "none", "typ": "at+jwt"}).encode())
    return f"{header}.{_b64(json.dumps(claims(identity, service)).encode())}."


def unknown_key(identity: IdentityProvider, service: str) -> str:
    stranger = RSAKey.generate_key(2048, parameters={"kid": "probe-key"})
    return jwt.encode({"alg": "RS256", "typ": "at+jwt", "kid": "probe-key"}, claims(identity, service), stranger)


def operations(document: dict[str, Any], public: frozenset[str]) -> list[tuple[str, str]]:
    """(METHOD, concrete path) of every guarded operation (not health, readiness, metrics, the API documents and
    the login pages), path parameters filled with a well-formed id."""
    found = []
    for path, item in document["paths"].items():
        if path in public:
            continue
        concrete = re.sub(r"\{[^}]+\}", SOME_ID, path)
        found += [(method.upper(), concrete) for method in METHODS if method in item]
    return found


def request_bodies(document: dict[str, Any]) -> dict[str, set[str]]:
    """Each operation's request body fields that could carry an identity: every property, nested ones too, whose
    value is free (a fixed choice such as `requested_by: resident | professional` names a kind, not who acts)."""
    schemas = document.get("components", {}).get("schemas", {})

    def resolve(schema: dict[str, Any]) -> dict[str, Any]:
        ref = schema.get("$ref")
        return schemas.get(ref.rsplit("/", 1)[-1], {}) if ref else schema

    def fixed(schema: dict[str, Any]) -> bool:
        schema = resolve(schema)
        options = [resolve(o) for o in schema.get("anyOf", [])]
        return (
            "enum" in schema
            or "const" in schema
            or (bool(options) and all("enum" in o or "const" in o or o.get("type") == "null" for o in options))
        )

    def names(schema: dict[str, Any], depth: int = 0) -> set[str]:
        schema = resolve(schema)
        if depth > 5:
            return set()
        found = {name for name, child in schema.get("properties", {}).items() if not fixed(child)}
        for child in [*schema.get("properties", {}).values(), *schema.get("anyOf", []), *schema.get("allOf", [])]:
            found |= names(child, depth + 1)
        if isinstance(schema.get("items"), dict):
            found |= names(schema["items"], depth + 1)
        return found

    bodies = {}
    for path, item in document["paths"].items():
        for method in METHODS:
            content = item.get(method, {}).get("requestBody", {}).get("content", {})
            for media in content.values():
                bodies[f"{method.upper()} {path}"] = names(media.get("schema", {}))
    return bodies


async def documents(stack: Stack) -> dict[str, dict[str, Any]]:
    found = {}
    for name in stack.runtimes:
        async with httpx.AsyncClient(base_url=stack.url(name)) as client:  # the API document is public
            answer = await client.get("/openapi.json")
            assert answer.status_code == 200, name
            found[name] = answer.json()
    return found


async def test_every_route_of_every_service_refuses_a_missing_or_forged_token(
    stack: Stack, identity: IdentityProvider
) -> None:
    called: dict[str, int] = {}
    for name, document in (await documents(stack)).items():
        forged = {"alg none": alg_none(identity, name), "unknown key": unknown_key(identity, name)}
        async with httpx.AsyncClient(base_url=stack.url(name), timeout=30) as client:
            public = stack[name].access.public  # type: ignore[union-attr]
            for method, path in operations(document, public):
                answers = {"no token": await client.request(method, path)}
                for kind, token in forged.items():
                    headers = {"Authorization": f"Bearer {token}"}
                    answers[kind] = await client.request(method, path, headers=headers)
                wrong = {kind: a.status_code for kind, a in answers.items() if a.status_code not in (401, 403)}
                assert not wrong, f"{name} {method} {path}: {wrong}"
                assert answers["no token"].headers["www-authenticate"].startswith("Bearer"), (name, path)
                called[name] = called.get(name, 0) + 1
    assert set(called) == set(stack.runtimes) and sum(called.values()) > 60, called  # every service, every route


async def test_no_request_body_names_its_own_actor(stack: Stack) -> None:
    offending = {
        f"{name} {operation}": sorted(field for field in fields if ACTOR_FIELDS.match(field))
        for name, document in (await documents(stack)).items()
        for operation, fields in request_bodies(document).items()
    }
    assert {where: fields for where, fields in offending.items() if fields} == {}
    assert any("decisions" in where for where in offending)  # the bodies were really read


async def test_every_request_body_refuses_a_field_it_does_not_know(stack: Stack) -> None:
    """A stale client that still says who acts (`decided_by`) gets a 422 naming the field, not silence."""
    lenient = []
    for name, document in (await documents(stack)).items():
        schemas = document.get("components", {}).get("schemas", {})
        for path, item in document["paths"].items():
            for method in METHODS:
                content = item.get(method, {}).get("requestBody", {}).get("content", {})
                schema = content.get("application/json", {}).get("schema", {})
                if "$ref" in schema:
                    schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
                if schema.get("type") == "object" and schema.get("additionalProperties") is not False:
                    lenient.append(f"{name} {method.upper()} {path}")
    assert lenient == []
    body = {"provision_code": "wmo-huishoudelijke-ondersteuning", "amount_cents": 1, "period_start": "2026-03-01",
            "period_end": "2026-12-31", "decided_by": "someone.else"}  # fmt: skip
    async with stack.client("planning") as client:
        answer = await client.post(f"/plans/{SOME_ID}/decisions", json=body)
    assert answer.status_code == 422 and "decided_by" in answer.text, answer.text
