"""Walking a JSON Schema for values without a bound: the contract's facts and the services' requests alike."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def unbounded(schema: dict[str, Any], defs: dict[str, Any], path: str) -> Iterator[str]:
    """The paths of the values in `schema` that have no bound."""
    if "$ref" in schema:
        yield from unbounded(defs[schema["$ref"].rsplit("/", 1)[1]], defs, path)
        return
    for option in schema.get("anyOf", []):
        yield from unbounded(option, defs, path)
    kind = schema.get("type")
    if kind == "object":
        for name, field in schema.get("properties", {}).items():
            yield from unbounded(field, defs, f"{path}.{name}")
    elif kind == "array":
        if "maxItems" not in schema:
            yield f"{path}: a list without maxItems"
        yield from unbounded(schema.get("items", {}), defs, f"{path}[]")
    elif kind == "integer" and not ("maximum" in schema and "minimum" in schema):
        yield f"{path}: an integer without minimum and maximum"
    elif kind == "string" and "enum" not in schema and "const" not in schema:
        if schema.get("format") in ("date", "date-time"):
            if not {"formatMinimum", "formatMaximum"} <= schema.keys():
                yield f"{path}: a {schema['format']} without formatMinimum and formatMaximum"
        elif schema.get("format") != "uuid" and "maxLength" not in schema:
            yield f"{path}: a string without maxLength"
