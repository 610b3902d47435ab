"""The fourteen iWmo 3.2 messages by their number, and which retourbericht answers which heenbericht.

Source: LAW.md §2.1 (the official message table, COD002 BerichtCode) and `../shared/iwmo-xsd/README.md`.
"""

from __future__ import annotations

from typing import TypeAlias

from kernel.errors import Refused
from kernel.iwmo.messages.declaratie import Wmo323, Wmo325
from kernel.iwmo.messages.regie import Wmo305, Wmo306, Wmo307, Wmo308
from kernel.iwmo.messages.toewijzing import Wmo301, Wmo302
from kernel.iwmo.messages.verzoek import Wmo315, Wmo316, Wmo317, Wmo318, Wmo319, Wmo320

Message: TypeAlias = (
    Wmo301 | Wmo302 | Wmo305 | Wmo306 | Wmo307 | Wmo308 | Wmo315 | Wmo316 | Wmo317 | Wmo318 | Wmo319 | Wmo320
    | Wmo323 | Wmo325
)  # fmt: skip
MESSAGE_TYPES: tuple[type[Message], ...] = (
    Wmo301, Wmo302, Wmo305, Wmo306, Wmo307, Wmo308, Wmo315, Wmo316, Wmo317, Wmo318, Wmo319, Wmo320, Wmo323, Wmo325,
)  # fmt: skip
BY_CODE: dict[str, type[Message]] = {m.CODE: m for m in MESSAGE_TYPES}

RETOUR_OF = {"301": "302", "305": "306", "307": "308", "315": "316", "317": "318", "319": "320", "323": "325"}
"""Each heenbericht and the retourbericht that answers it (the 325 answers the 323)."""
FROM_PROVIDER = frozenset({"302", "305", "307", "315", "317", "320", "323"})
"""What an aanbieder sends; the gemeente sends the rest (301, 306, 308, 316, 318, 319, 325)."""


class UnknownMessage(Refused):
    """Not one of the fourteen iWmo 3.2 messages."""


def message_type(code: str) -> type[Message]:
    try:
        return BY_CODE[code]
    except KeyError:
        raise UnknownMessage(f"WMO{code} is not an iWmo 3.2 message (known: {', '.join(BY_CODE)})") from None
