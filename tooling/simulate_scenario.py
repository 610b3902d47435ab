"""A municipality's year as a seeded script: which households come, with what, and what their team decides.

Pure: reads the municipality's configuration set (`config/<name>/`: districts, catalogue, mandates, partners) and
a `random.Random(seed)`; the same seed gives the same year. The proportions follow the source texts
(DOMAIN.md): debts play a part in 80-90% of cases (Almelo), a minority arrives through a partner's arrears
signal (vroegsignalering, Wgs art. 3 lid 2), client support is offered to everyone and chosen by some
(Wmo 2015 art. 2.3.2 lid 3), most decisions fall inside a mandate, a few are escalated or deviate with a
written justification.
"""

from __future__ import annotations

import json
import random
import string
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

CONFIG_ROOT = Path(__file__).resolve().parent.parent / "config"

DEBT_SHARE = 0.85
"""Share of households with debts (Almelo: debts play a part in 80-90% of cases)."""
SIGNAL_SHARE = 0.10
"""Share of households that reach the team through a partner's arrears signal rather than a melding."""
THREAT_SHARE = 0.10
DEVIATION_SHARE = 0.08
ESCALATION_SHARE = 0.12
INFORMAL_SHARE = 0.30
SUPPORT_CHOICES = (("volunteer", 0.30), ("professional", 0.25), ("none", 0.45))
OWN_STRENGTH = (
    "The resident opens every letter with a volunteer and keeps a weekly overview",
    "A daughter does the shopping on Saturdays; the neighbour drives to appointments",
    "The parents keep a fixed evening routine and call the coach when it slips",
    "The resident walks to the neighbourhood centre for the Friday lunch",
)


@dataclass(frozen=True)
class Decision:
    provision_code: str
    kind: str
    budget_line: str | None
    life_domain: str
    amount_cents: int
    period_start: date
    period_end: date
    client_age: int
    deviation: dict[str, Any] | None = None
    force_escalation: bool = False


@dataclass
class Household:
    number: int
    postcode: str
    house_number: str
    team_id: str
    members: int
    life_domains: list[str]
    via_signal: bool
    debts: bool
    threatening: bool
    support_choice: str
    satisfaction: int
    signal_reference: str
    """The housing corporation's reference when the household arrives through an arrears signal; unique per
    seed, so a second run on the same data (another seed) is not taken for a repeated signal."""
    decisions: list[Decision] = field(default_factory=list)


@dataclass(frozen=True)
class Municipality:
    name: str
    directory: Path
    config: dict[str, Any]
    catalogue: dict[str, Any]
    mandates: dict[str, Any]
    partners: dict[str, Any]

    @classmethod
    def load(cls, name_or_path: str) -> Municipality:
        path = Path(name_or_path)
        directory = path.parent if path.suffix == ".json" else (path if path.is_dir() else CONFIG_ROOT / name_or_path)
        read = _reader(directory)
        return cls(
            directory.name, directory, read("municipality"), read("catalogue"), read("mandates"), read("partners")
        )

    @property
    def setting(self) -> str:
        """The value of `WIJK_MUNICIPALITY_CONFIG` that selects this municipality."""
        return str(self.directory / "municipality.json")

    def professionals(self, team_id: str | None) -> list[dict[str, Any]]:
        return [p for p in self.mandates["professionals"] if p.get("team_id") == team_id]

    def decider(self, team_id: str, kind: str, rng: random.Random) -> str:
        """A professional who may act on the household (its team, or municipality-wide: the rights of
        config/rights.json) and holds a mandate for this kind; else one who may act without it (the decision is
        escalated)."""
        allowed = [p for p in self.mandates["professionals"] if p.get("team_id") in (team_id, None)]
        holders = [p for p in allowed if self._holds(p, kind)]
        own = [p for p in holders if p.get("team_id") == team_id] or holders or self.professionals(team_id) or allowed
        return str(rng.choice(own)["id"]) if own else str(self.mandates["professionals"][0]["id"])

    def approver(
        self, kind: str, provision: str, amount: int, deviating: bool, team_id: str | None = None
    ) -> str | None:
        """Someone whose mandate covers the escalated decision (the mandate register decides, not the simulator)
        and who may act on the household: of its team, or municipality-wide."""
        for mandate in self.mandates["mandates"]:
            covers = provision in mandate.get("provisions", []) or kind in mandate.get("kinds", [])
            limit = mandate.get("max_amount_cents")
            if covers and (limit is None or amount <= limit) and (mandate.get("deviations") or not deviating):
                for person in self.mandates["professionals"]:
                    if team_id is not None and person.get("team_id") not in (team_id, None):
                        continue
                    if person["id"] == mandate.get("person") or person["role"] == mandate.get("role"):
                        return str(person["id"])
        return None

    def _holds(self, person: dict[str, Any], kind: str) -> bool:
        return any(
            kind in m.get("kinds", []) and (person["role"] == m.get("role") or person["id"] == m.get("person"))
            for m in self.mandates["mandates"]
        )

    def housing_partner(self) -> tuple[str, str]:
        """The first registered housing partner: its id (which names its signal topic) and its source."""
        return next((str(p["id"]), str(p["source"])) for p in self.partners["partners"] if p["type"] == "housing")


def _reader(directory: Path) -> Any:
    def read(stem: str) -> dict[str, Any]:
        return json.loads((directory / f"{stem}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    return read


def households(municipality: Municipality, count: int, seed: int, year: int) -> list[Household]:
    rng = random.Random(seed)
    return [_household(municipality, number, rng, year, seed) for number in range(count)]


def _household(municipality: Municipality, number: int, rng: random.Random, year: int, seed: int) -> Household:
    district = rng.choice(municipality.config["districts"])
    letters = rng.choice("ABCDEGHJKLMNPRST") + rng.choice(string.ascii_uppercase[:20])
    postcode = f"{rng.choice(district['postcode_areas'])} {letters}"
    debts = rng.random() < DEBT_SHARE
    domains = rng.sample(
        ["care", "youth", "income", "housing", "social_network", "health", "work"], k=rng.randint(1, 3)
    )
    if debts:
        domains = ["debts", *[d for d in domains if d != "debts"]]
    choice = rng.choices([c for c, _ in SUPPORT_CHOICES], weights=[w for _, w in SUPPORT_CHOICES])[0]
    household = Household(
        number=number,
        postcode=postcode,
        house_number=str(rng.randint(1, 180)),
        team_id=district["team_id"],
        members=rng.choices([1, 2, 3, 4, 5], weights=[35, 25, 18, 15, 7])[0],
        life_domains=domains,
        via_signal=debts and rng.random() < SIGNAL_SHARE / DEBT_SHARE,
        debts=debts,
        threatening=debts and rng.random() < THREAT_SHARE,
        support_choice=choice,
        satisfaction=min(10, max(1, round(rng.gauss(7.2, 1.4)))),
        signal_reference=f"HUUR-{year}-{seed}-{number:05d}",
    )
    household.decisions = _decisions(municipality, household, rng, year)
    return household


def _decisions(municipality: Municipality, household: Household, rng: random.Random, year: int) -> list[Decision]:
    provisions = municipality.catalogue["provisions"]
    paid = [p for p in provisions if p["budget_line"]]
    informal = [p for p in provisions if not p["budget_line"]]
    chosen = rng.sample(paid, k=rng.choices([1, 2], weights=[75, 25])[0])
    if informal and rng.random() < INFORMAL_SHARE:
        chosen.append(rng.choice(informal))
    return [_decision(p, household, rng, year) for p in chosen]


def _decision(provision: dict[str, Any], household: Household, rng: random.Random, year: int) -> Decision:
    rules = {r["limit"]: r for r in provision["rules"]}
    start = date(year, rng.randint(1, 10), 1)
    end = date(year, 12, 31)
    if "max_duration_days" in rules:
        end = min(end, start + timedelta(days=rules["max_duration_days"]["value"] - 1))
    age = rng.randint(4, 17) if "max_age" in rules else rng.randint(19, 88)
    domain = provision["life_domain"] or rng.choice(household.life_domains)
    if not provision["budget_line"]:
        return Decision(provision["code"], provision["kind"], None, domain, 0, start, end, age)
    ceiling = rules["max_amount_cents"]["value"] if "max_amount_cents" in rules else 500_000
    amount = rng.randint(ceiling // 10, ceiling * 6 // 10) // 100 * 100
    if "max_amount_cents" in rules and rng.random() < DEVIATION_SHARE:
        rule = rules["max_amount_cents"]
        justification = "Single parent just under the threshold; the standard amount leaves the child without care"
        deviation = {"rule_refs": [rule["ref"]], "justification": justification}
        return Decision(
            provision["code"], provision["kind"], provision["budget_line"], domain,
            ceiling + ceiling // 5, start, end, age, deviation,
        )  # fmt: skip
    escalate = rng.random() < ESCALATION_SHARE
    return Decision(
        provision["code"], provision["kind"], provision["budget_line"], domain, amount, start, end, age,
        force_escalation=escalate,
    )  # fmt: skip
