"""Plans, decisions and the two municipalities' configurations for planning's unit tests."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from kernel.municipality import load_municipality
from services.planning.config import PlanningConfig, load_planning_config
from services.planning.domain.decision import Decision, DecisionRequest
from services.planning.domain.plan import Plan

TODAY = date(2026, 3, 2)
CONFIG = Path(__file__).resolve().parents[3] / "config"


def config_of(municipality: str) -> PlanningConfig:
    directory = CONFIG / municipality
    return load_planning_config(load_municipality(directory / "municipality.json"), directory)


ALMERE, ZAANSTAD = config_of("almere"), config_of("zaanstad")


def plan(client_support: bool = True, goals: tuple[str, ...] = ("care",)) -> Plan:
    """A drafted plan; by default client support is on record and there is a goal for `care`."""
    p = Plan(uuid.uuid4(), uuid.uuid4(), "wijkteam-haven", "team:wijkteam-haven")
    if client_support:
        p.learn_client_support_offered(p.case_id, TODAY)
    for domain in goals:
        p.set_goal(
            domain, f"stable {domain}", "does the shopping with the neighbour", "daughter visits", "j.de.vries", TODAY
        )
    return p


def decision(**changes: Any) -> Decision:
    valid = Decision(
        uuid.uuid4(),
        "wmo-huishoudelijke-ondersteuning",
        "wmo",
        250_000,
        date(2026, 4, 1),
        date(2026, 12, 31),
        "j.de.vries",
        TODAY,
        life_domain="care",
        mandate_ref="ALM-M-02",
    )
    return dataclasses.replace(valid, **changes)


def request(**changes: Any) -> DecisionRequest:
    valid = DecisionRequest(
        "wmo-huishoudelijke-ondersteuning", 250_000, date(2026, 4, 1), date(2026, 12, 31), "j.de.vries"
    )
    return dataclasses.replace(valid, **changes)


def names(p: Plan) -> list[str]:
    return [type(e).__name__ for e in p.collect_events()]
