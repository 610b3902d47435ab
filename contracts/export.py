"""Generate the AsyncAPI 3.0 document and one JSON Schema per event from the models.

The generated files are committed under `contracts/schemas/`; `check()` (run by the contract tests) fails when
they no longer match the code. Regenerate with `wijk contracts export`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from contracts.envelope import CloudEventHeaders
from contracts.events.base import IntegrationEvent
from contracts.partner_signals import ARREARS_PARTNERS, PARTNER_SIGNALS, SignalOutcome
from contracts.registry import REGISTRY, EventRegistry
from contracts.topics import PARTNER_SIGNALS_ADDRESS, dead_letter

SCHEMA_DIR = Path(__file__).parent / "schemas"
_HEADER_FIELDS = ("id", "source", "type", "specversion", "time", "subject", "sequence", "epoch")
_HEADER_PATTERNS = {"sequence": r"^[0-9]{1,19}$"}
"""Kafka headers are strings: a number travels as its decimal digits."""


def _message_name(model: type[IntegrationEvent]) -> str:
    return model.__name__


def json_schema(model: type[IntegrationEvent]) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema["$id"] = f"urn:wijkteam:schema:{model.type}"
    schema["title"] = model.type
    schema["description"] = (model.__doc__ or "").strip()
    return schema


def _headers_schema() -> dict[str, Any]:
    props = CloudEventHeaders.model_json_schema()["properties"]
    headers = {f"ce_{name}": _header(props[name], _HEADER_PATTERNS.get(name)) for name in _HEADER_FIELDS}
    headers["traceparent"] = {"type": "string", "description": "W3C trace context."}
    required = [f"ce_{n}" for n in ("id", "source", "type", "specversion", "time", "subject")]
    return {"type": "object", "properties": headers, "required": required}


_SECURITY_SCHEMES: dict[str, Any] = {
    "scram": {
        "type": "scramSha512",
        "description": "SASL/SCRAM-SHA-512, one principal per service (`User:<service>`) and per partner "
        "(`User:partner-<partner-id>`); the broker's ACLs (infra/kafka/acls.sh) let a service write only its own "
        "facts topic and a partner only its own signal topic.",
    },
}


def _servers() -> dict[str, Any]:
    return {
        "production": {
            "host": "kafka:9092",
            "protocol": "kafka",
            "description": "Apache Kafka as in docker-compose.yml (infra/kafka/README.md: the SASL listener).",
            "security": [{"$ref": "#/components/securitySchemes/scram"}],
        },
        "embedded": {
            "host": "127.0.0.1:9092",
            "protocol": "kafka",
            "description": "The embedded Tansu broker of `wijk up`, for development and demonstration only: bound "
            "to loopback, without authentication (infra/kafka/README.md says why).",
        },
    }


def _hoisted(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    """A model's schema for `components.schemas`: its `$defs` become components of their own, and every
    `#/$defs/X` a `#/components/schemas/X` (a `$defs` ref does not resolve inside an AsyncAPI document)."""
    schema = dict(schema)
    for name, definition in schema.pop("$defs", {}).items():
        moved = _rewritten(definition)
        if schemas.setdefault(name, moved) != moved:
            raise ValueError(f"two different schemas are both named {name}: rename one of the models")
    return _rewritten(schema)  # type: ignore[no-any-return]


def _rewritten(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: (v.replace("#/$defs/", "#/components/schemas/", 1) if k == "$ref" and isinstance(v, str)
                else _rewritten(v))
            for k, v in node.items()
        }  # fmt: skip
    if isinstance(node, list):
        return [_rewritten(v) for v in node]
    return node


def _header(prop: dict[str, Any], pattern: str | None) -> dict[str, Any]:
    """A header's schema: always a string (no `anyOf` of the model's optional types), with its constraints."""
    kept = {k: v for k, v in prop.items() if k in ("description", "maxLength", "minLength", "pattern", "format")}
    return {**kept, "type": "string", **({"pattern": pattern} if pattern else {})}


def _channel_id(topic: str) -> str:
    return topic.replace(".", "-")


def _message(model: type[IntegrationEvent], key: str) -> dict[str, Any]:
    return {
        "name": model.type,
        "title": _message_name(model),
        "summary": (model.__doc__ or "").strip().splitlines()[0],
        "contentType": "application/json",
        "headers": {"$ref": "#/components/schemas/CloudEventHeaders"},
        "payload": {"$ref": f"#/components/schemas/{_message_name(model)}"},
        "bindings": {"kafka": {"key": {"type": "string", "description": key}}},
    }


def _partner_channels() -> dict[str, tuple[str, list[type[IntegrationEvent]]]]:
    """Each partner's own signal topic (the partner sends, intake receives; payment arrears only from the types in
    ARREARS_PARTNERS) and its own outcome topic (intake sends)."""
    return {
        PARTNER_SIGNALS_ADDRESS: ("receive", list(PARTNER_SIGNALS.models())),
        "nl.wijkteam.partner.{partnerId}.outcomes": ("send", [SignalOutcome]),
    }


def asyncapi(registry: EventRegistry = REGISTRY) -> dict[str, Any]:
    """The AsyncAPI 3.0 document: a channel per topic, a message per event type, an operation per channel."""
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    topics: dict[str, tuple[str, list[type[IntegrationEvent]]]] = {}
    for model in registry.models():
        topics.setdefault(model.topic, ("send", []))[1].append(model)
    topics.update(_partner_channels())
    for address, (action, models) in topics.items():
        channel_id = _channel_id(address).replace("{partnerId}", "partner")
        channel: dict[str, Any] = {"address": address, "messages": {}}
        if "{partnerId}" in address:
            channel["parameters"] = {"partnerId": {"description": "The partner's id in the partner registration."}}
            if action == "receive":
                channel["description"] = (
                    "Only the registered partner writes its own signal topic (broker ACLs) and signs with its "
                    "registered ce_source; payment arrears only from the partner types "
                    f"{', '.join(ARREARS_PARTNERS)}."
                )
        for model in models:
            name = _message_name(model)
            schemas[name] = _hoisted(json_schema(model), schemas)
            messages[name] = _message(model, "partner reference" if action == "receive" else "pseudonymous subject")
            channel["messages"][name] = {"$ref": f"#/components/messages/{name}"}
        channels[channel_id] = channel
        operations[f"{action}-{channel_id}"] = {
            "action": action,
            "channel": {"$ref": f"#/channels/{channel_id}"},
            "messages": [{"$ref": f"#/channels/{channel_id}/messages/{m}"} for m in channel["messages"]],
        }
    schemas["CloudEventHeaders"] = _headers_schema()
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Wijkteam platform events",
            "version": "1.0.0",
            "description": "CloudEvents 1.0 (Kafka binary mode, NL GOV profile) published by the wijkteam "
            f"services. Unprocessable messages go to dead-letter topics such as {dead_letter('<service>')}.",
        },
        "defaultContentType": "application/json",
        "servers": _servers(),
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": schemas, "securitySchemes": _SECURITY_SCHEMES},
    }


def rendered(registry: EventRegistry = REGISTRY) -> dict[str, str]:
    """Every generated file, by path relative to the schema folder, as text."""
    files = {"asyncapi.json": _dump(asyncapi(registry))}
    models: list[type[IntegrationEvent]] = [*registry.models(), *PARTNER_SIGNALS.models(), SignalOutcome]
    for model in models:
        files[f"json/{model.type}.json"] = _dump(json_schema(model))
    return files


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(target: Path = SCHEMA_DIR) -> list[Path]:
    written = []
    for relative, text in rendered().items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def drift(target: Path = SCHEMA_DIR) -> list[str]:
    """Paths whose committed text differs from what the models generate, plus stale extra files."""
    expected = rendered()
    differing = [p for p, text in expected.items() if not (target / p).is_file() or (target / p).read_text() != text]
    present = {str(p.relative_to(target)) for p in target.rglob("*.json")} if target.exists() else set()
    return sorted(differing + sorted(present - set(expected)))
