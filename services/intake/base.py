"""The shared core of intake's application: its store, the routing, the key vault and the blind-index secret.

The commands live in small modules (households, meldingen, cases, clocks, signals), each a subclass of this base;
`application.IntakeApplication` combines them. Every command ends in exactly one `save()`: nothing half-written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from services.intake.domain.case import Case
from services.intake.domain.household import Household
from services.intake.domain.routing import Routing
from services.intake.vault import open_vault
from wijk.eventstore import ServiceApplication
from wijk.settings import PlatformSettings

T = TypeVar("T")


class IntakeBase(ServiceApplication):
    name = "intake"

    def __init__(self, routing: Routing, secret: bytes, settings: PlatformSettings | None = None) -> None:
        self.routing = routing
        self.secret = secret
        super().__init__(settings)
        self.vault = open_vault(self.settings)

    def close(self) -> None:
        self.vault.close()
        super().close()

    def present_household(self, household_id: UUID) -> Household:
        """The household, or HouseholdErased (410) when its personal data was erased."""
        household: Household = self.repository.get(household_id)
        household.ensure_present()
        return household

    def get_case(self, case_id: UUID) -> Case:
        case: Case = self.repository.get(case_id)
        return case

    def with_new_key(self, household_id: UUID, digests: list[bytes], command: Callable[[bytes], T]) -> T:
        """Make the household's key (and its indexes), run the command; if the command fails, forget the key."""
        key = self.vault.create(household_id, digests)
        try:
            return command(key)
        except BaseException:
            self.vault.forget(household_id)
            raise
