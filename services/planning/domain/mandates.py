"""The mandate register (mandatenregister): who may decide which provision, up to which amount, and who may
approve a deviation.

A decision within a mandate counts as the decision of the mandate giver, the college (Awb 10:2), and must name
on whose behalf it is taken (Awb 10:10). The register is configuration: moving a mandate, for example special
assistance (bijzondere bijstand) to team members as in Helmond, changes the data, not this code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kernel.errors import Forbidden
from services.planning.domain.catalogue import Provision


class NotMandated(Forbidden):
    """The professional is not in the register, or holds no mandate for what they try to approve."""


@dataclass(frozen=True)
class Professional:
    id: str
    name: str
    role: str
    organisation: str
    team_id: str | None = None


@dataclass(frozen=True)
class Mandate:
    """One row of the register: a role or one named person may decide these provisions (by code or kind)."""

    ref: str
    role: str | None = None
    person: str | None = None
    provisions: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    max_amount_cents: int | None = None
    deviations: bool = False
    """May decide (and approve) a decision that departs from a catalogue rule."""

    def held_by(self, professional: Professional) -> bool:
        return professional.id == self.person or professional.role == self.role

    def covers(self, provision: Provision, amount_cents: int, deviating: bool) -> bool:
        if provision.code not in self.provisions and provision.kind not in self.kinds:
            return False
        if self.max_amount_cents is not None and amount_cents > self.max_amount_cents:
            return False
        return self.deviations or not deviating


class MandateRegister:
    def __init__(
        self, mandate_giver: str, version: str, professionals: Iterable[Professional], mandates: Iterable[Mandate]
    ) -> None:
        self.mandate_giver = mandate_giver
        """On whose behalf every mandated decision is taken, e.g. het college van B&W (Awb 10:10)."""
        self.version = version
        self.professionals = {p.id: p for p in professionals}
        self.mandates = list(mandates)

    def professional(self, professional_id: str) -> Professional:
        try:
            return self.professionals[professional_id]
        except KeyError:
            raise NotMandated(f"{professional_id!r} is not in the mandate register (version {self.version})") from None

    def mandate_for(
        self, professional_id: str, provision: Provision, amount_cents: int, deviating: bool
    ) -> Mandate | None:
        """The first mandate the professional holds that covers this decision, or None: then it is escalated."""
        professional = self.professional(professional_id)
        for mandate in self.mandates:
            if mandate.held_by(professional) and mandate.covers(provision, amount_cents, deviating):
                return mandate
        return None

    def holders(self, provision: Provision, amount_cents: int, deviating: bool) -> list[str]:
        """Who may decide (or approve) this decision: the roles and persons of every covering mandate."""
        found = []
        for mandate in self.mandates:
            if mandate.covers(provision, amount_cents, deviating):
                found.append(f"role:{mandate.role}" if mandate.role else f"person:{mandate.person}")
        return sorted(set(found))
