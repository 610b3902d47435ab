"""The file drop, for providers that exchange in batches: per provider a folder named after its AGB code, with
`in/` (the provider puts its XML files there) and `out/` (the gemeente's messages are written there).

A file in `in/` is received exactly as a posted message, then moved to `in/done/` with its outcome beside it
(`<name>.outcome.json`: accepted or not, every reason, where the retour waits). Every outgoing message of the
mailbox is written once to `out/` as `<position>-WMO<code>-<identificatie>.xml`; `out/.position` remembers how far.
The provider's identity is the folder, which the operator provisions: nothing in a file decides whose it is.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

from services.iwmo.application import IwmoApplication

log = logging.getLogger(__name__)


class FileDrop:
    def __init__(self, app: IwmoApplication, root: Path) -> None:
        self.app, self.root = app, root

    def run(self, today: date) -> None:
        for agb in self.app.parties.agb_by_provider.values():
            folder = self.root / agb
            for sub in ("in/done", "out"):
                (folder / sub).mkdir(parents=True, exist_ok=True)
            self.take_in(agb, folder / "in", today)
            self.write_out(agb, folder / "out")

    def take_in(self, agb: str, inbox: Path, today: date) -> None:
        for path in sorted(p for p in inbox.iterdir() if p.is_file() and p.suffix.lower() == ".xml"):
            outcome = self.app.receiver.receive(agb, path.read_bytes(), today)
            done = inbox / "done" / path.name
            (inbox / "done" / f"{path.name}.outcome.json").write_text(json.dumps(outcome, indent=2))
            path.replace(done)
            log.info("file drop %s: %s %s", agb, path.name, outcome["outcome"])

    def write_out(self, agb: str, outbox: Path) -> None:
        marker = outbox / ".position"
        after = int(marker.read_text()) if marker.exists() else 0
        for entry in self.app.mailbox.since(agb, "out", after, 1000):
            name = f"{entry.position:012d}-WMO{entry.code}-{entry.identificatie}.xml"
            partial = outbox / f".{name}.part"
            partial.write_bytes(self.app.document_at(entry.message_id))
            partial.replace(outbox / name)  # a provider never sees half a file
            marker.write_text(str(entry.position))
