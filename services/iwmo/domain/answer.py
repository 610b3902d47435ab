"""The outcome of judging one received message: the retour (if the message gets one), the client files it
changed, the keys it used up, and every finding with its reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from eventsourcing.domain import Aggregate

from kernel.iwmo.messages.catalog import Message
from services.iwmo.domain.client_file import ClientFile
from services.iwmo.domain.judgement import Judgement

Lookup = Callable[[int], ClientFile | None]
"""A ToewijzingNummer -> the client file holding it (None when the gemeente never gave that number)."""
Seen = Callable[[str], bool]
"""Whether a key (a DeclaratieNummer, a ReferentieAanbieder) was used before."""
Digest = Callable[[str], str]
"""The keyed digest of a BSN, to recognise a client without keeping the number."""


@dataclass
class Answer:
    retour: Message | None
    judgement: Judgement
    touched: list[ClientFile] = field(default_factory=list)
    new_keys: list[str] = field(default_factory=list)
    also: list[Aggregate] = field(default_factory=list)
    """Further records the message causes (a provider's request and, for an unknown client, its 319)."""

    def touch(self, file: ClientFile) -> None:
        if all(f is not file for f in self.touched):
            self.touched.append(file)
