"""The official iWmo 3.2 XSDs, read at run time from a folder (never copied into the project), and validation.

The folder holds `WMO301.xsd` .. `WMO325.xsd` and `basisschema.xsd` (`../shared/iwmo-xsd` beside the project by
default, setting `WIJK_IWMO_XSD_DIR`). Each schema is compiled once, on first use, with a parser that reads local
files only: no network, no DTDs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from kernel.iwmo.messages.catalog import BY_CODE, message_type

REQUIRED = ("basisschema.xsd", *(f"WMO{code}.xsd" for code in BY_CODE))


class SchemasMissing(RuntimeError):
    """The XSD folder is absent or incomplete: the gateway cannot read or write iWmo XML."""


@dataclass(frozen=True)
class Invalid:
    """Why the XSD rejects a document: the first few libxml2 messages, with their line numbers."""

    reasons: tuple[str, ...]


class Schemas:
    """The fourteen message schemas of one folder; `check_folder()` says what is missing before any use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._compiled: dict[str, etree.XMLSchema] = {}
        self._lock = threading.Lock()

    def missing(self) -> list[str]:
        """The required files that are not in the folder (all of them when the folder does not exist)."""
        return [name for name in REQUIRED if not (self.folder / name).is_file()]

    def check_folder(self) -> None:
        missing = self.missing()
        if missing:
            raise SchemasMissing(
                f"the iWmo 3.2 XSD folder {self.folder} lacks {', '.join(missing)}: set WIJK_IWMO_XSD_DIR to the "
                "folder with the official schemas (WMO301.xsd .. WMO325.xsd and basisschema.xsd)"
            )

    def schema(self, code: str) -> etree.XMLSchema:
        message_type(code)  # an unknown code is refused before touching the disk
        with self._lock:
            if code not in self._compiled:
                self.check_folder()
                parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
                document = etree.parse(str(self.folder / f"WMO{code}.xsd"), parser)
                self._compiled[code] = etree.XMLSchema(document)
            return self._compiled[code]

    def validate(self, root: etree._Element, code: str) -> Invalid | None:
        """None when the document is a valid WMO<code>; otherwise the schema's reasons."""
        schema = self.schema(code)
        if schema.validate(root):
            return None
        return Invalid(tuple(f"line {e.line}: {e.message}" for e in list(schema.error_log)[:5]))
