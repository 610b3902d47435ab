"""Goals per life domain, each with what the household and its network will do themselves (eigen kracht,
netwerk) before paid support is considered ("wat kunt u zelf, wat kan uw netwerk?", Zaanstad; Wmo 2015
art. 2.3.2 lid 4 onder c-e: the investigation weighs own strength and the network first)."""

from __future__ import annotations

from dataclasses import dataclass

from kernel.errors import Refused
from services.planning.domain.catalogue import LIFE_DOMAINS

OUTCOMES = ("achieved", "partly", "not_achieved")


class InvalidGoal(Refused):
    """A goal without a known life domain, a goal text, or what the household will do itself."""


class InvalidEvaluation(Refused):
    """An evaluation without results, with an unknown outcome, or a life domain twice."""


@dataclass
class Goal:
    life_domain: str
    goal: str
    own_strength: str
    network: str
    set_by: str
    outcome: str = ""
    remarks: str = ""


def check_goal(life_domain: str, goal: str, own_strength: str) -> None:
    if life_domain not in LIFE_DOMAINS:
        raise InvalidGoal(f"life_domain {life_domain!r} is not one of {', '.join(LIFE_DOMAINS)}")
    if not goal.strip():
        raise InvalidGoal("goal must say what the household wants to reach in this life domain")
    if not own_strength.strip():
        raise InvalidGoal("own_strength must say what the household will do itself before paid support (eigen kracht)")


def check_results(results: list[dict[str, str]]) -> None:
    if not results:
        raise InvalidEvaluation("an evaluation has a result for at least one goal")
    domains = [r["life_domain"] for r in results]
    if len(set(domains)) != len(domains):
        raise InvalidEvaluation("each goal is evaluated once per evaluation")
    for result in results:
        if result["outcome"] not in OUTCOMES:
            raise InvalidEvaluation(f"outcome {result['outcome']!r} is not one of {', '.join(OUTCOMES)}")
