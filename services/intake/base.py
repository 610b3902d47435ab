"""What intake's command modules need from its application: the store, the routing, the key vault (its household
keys wrapped by the key-encryption key) and the blind-index secret, and the three lookups every command shares.

The commands are functions in small modules (households, meldingen, cases, signals, survey, clock_check), each
taking the application as an `Intake`; `application.IntakeApplication` is the one class, and it calls them. Every
command ends in exactly one `save()`: nothing half-written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar
from uuid import UUID

from eventsourcing.application import Repository
from eventsourcing.persistence import Tracking

from services.intake.domain.case import Case
from services.intake.domain.household import Household
from services.intake.domain.routing import Routing
from services.intake.vault import KeyVault
from wijk.household_keys import TextKeys

T = TypeVar("T")


class Intake(Protocol):
    routing: Routing
    secret: bytes
    vault: KeyVault
    text_keys: TextKeys | None

    @property
    def repository(self) -> Repository[UUID]: ...

    def save(self, *objects: Any, **kwargs: Any) -> Any: ...

    def already_processed(self, tracking: Tracking) -> bool: ...

    def record_processed(self, tracking: Tracking, *aggregates: Any) -> bool: ...

    def present_household(self, household_id: UUID) -> Household:
        """The household, or HouseholdErased (410) when its personal data was erased."""
        ...

    def get_case(self, case_id: UUID) -> Case: ...

    def with_new_key(
        self, household_id: UUID, digests: list[bytes], command: Callable[[bytes], T], unique: list[bytes] | None = None
    ) -> T:
        """Make the household's key (and its indexes, `unique` ones refused when taken), run the command; if the
        command fails, forget the key."""
        ...
