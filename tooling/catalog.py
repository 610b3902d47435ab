"""The seven services by name; the only place that knows where each service's definition lives."""

from __future__ import annotations

import importlib

from wijk.service import ServiceDefinition
from wijk.settings import SERVICES


def definition(name: str) -> ServiceDefinition:
    if name not in SERVICES:
        raise SystemExit(f"unknown service {name!r}; choose one of: {', '.join(SERVICES)}")
    module = importlib.import_module(f"services.{name}.main")
    return module.DEFINITION  # type: ignore[no-any-return]
