"""Every request a service takes is bounded, as its OpenAPI document shows (issue 18, #1 and #2): each body field,
query, path and header parameter has a maximum length, a range or a window. A 1 MB `team_id`, a decision of 10^19
cents and `as_of=0001-01-01` are refused as invalid requests before anything is written."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any
from unittest.mock import MagicMock

import pytest
from fastapi import FastAPI

from tests.support.schema_bounds import unbounded
from wijk.settings import SERVICES

pytestmark = pytest.mark.contract


def api_modules() -> list[ModuleType]:
    """Every module of a service that makes an HTTP router (`api*.py`, reporting's `pages.py`)."""
    found = []
    for service in SERVICES:
        package = importlib.import_module(f"services.{service}")
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.startswith("api") or info.name == "pages":
                module = importlib.import_module(f"services.{service}.{info.name}")
                if hasattr(module, "router"):
                    found.append(module)
    return found


def openapi(module: ModuleType) -> dict[str, Any]:
    app = FastAPI()
    app.include_router(module.router(MagicMock(**{"context.name": "Almere"})))
    return app.openapi()


def unbounded_inputs(document: dict[str, Any]) -> list[str]:
    defs = document.get("components", {}).get("schemas", {})
    found: list[str] = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                found += unbounded(parameter["schema"], defs, f"{where} {parameter['in']} {parameter['name']}")
            for content in operation.get("requestBody", {}).get("content", {}).values():
                found += unbounded(content["schema"], defs, f"{where} body")
    return found


@pytest.mark.parametrize("module", api_modules(), ids=lambda m: m.__name__)
def test_every_request_input_has_a_bound(module: ModuleType) -> None:
    assert unbounded_inputs(openapi(module)) == []


def test_a_decision_of_10_19_cents_and_a_reserve_draw_of_10_30_are_refused() -> None:
    from pydantic import ValidationError

    from services.budget.api import DrawRequest
    from services.planning.api import DecisionBody

    decision = {"provision_code": "HH01", "period_start": "2026-03-01", "period_end": "2026-12-31"}
    draw = {"team_id": "wijkteam-haven", "year": 2026, "budget_line": "wmo", "reason": "r"}
    with pytest.raises(ValidationError, match="amount_cents"):
        DecisionBody.model_validate({**decision, "amount_cents": 10**19})
    with pytest.raises(ValidationError, match="amount_cents"):
        DrawRequest.model_validate({**draw, "amount_cents": 10**30})
    assert DecisionBody.model_validate({**decision, "amount_cents": 1_000_000_000}).amount_cents == 10**9
