"""Goals per life domain, each with what the household and its network will do themselves (eigen kracht,
netwerk) before paid support is considered ("wat kunt u zelf, wat kan uw netwerk?", Zaanstad; Wmo 2015
art. 2.3.2 lid 4 onder c-e: the investigation weighs own strength and the network first)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kernel.errors import Refused
from services.planning.domain.catalogue import LIFE_DOMAINS

OUTCOMES = ("achieved", "partly", "not_achieved")


class InvalidGoal(Refused):
    """A goal without a known life domain, a goal text, or what the household will do itself."""


class InvalidEvaluation(Refused):
    """An evaluation without results, with an unknown outcome, or a life domain twice."""


@dataclass(frozen=True)
class Goal:
    """A value object: GoalSet carries it whole; an evaluation makes a new value with its outcome."""

    life_domain: str
    goal: str
    own_strength: str
    network: str
    set_by: str
    outcome: str = ""
    remarks: str = ""
    revision: int = 1
    """1 when set; each revision of the goal counts one up, the earlier ones stay in the plan's history."""

    def stripped(self) -> Goal:
        return replace(
            self, goal=self.goal.strip(), own_strength=self.own_strength.strip(), network=self.network.strip()
        )

    def evaluated(self, outcome: str, remarks: str) -> Goal:
        return replace(self, outcome=outcome, remarks=remarks)

    def revised_as(self, proposed: Goal) -> Goal:
        """The proposed goal as the next revision of this one: not yet evaluated."""
        return replace(proposed.stripped(), revision=self.revision + 1, outcome="", remarks="")


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
