"""What every received heenbericht is judged on first, and how a judgement becomes retour codes.

Header rules, in order (a header finding stops the judgement: the body is not assessed, the retour carries the
header alone, as in the official WMO306 example with 8848):
- Afzender is the AGB code of the mailbox it arrived in, Ontvanger this gemeente's CBS code: else 0001 (inferred:
  WJ001 has no code of its own; the chain refuses misaddressed messages technically);
- Dagtekening is not after today (8848, TR135);
- BerichtIdentificatie is new for this sender and message type (9056, TR056).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kernel.iwmo.messages.blocks import BerichtIdentificatie, Header, RetourHeader, XsdVersie
from services.iwmo.domain.codes import OK, TECHNICAL, passes_elfproef


@dataclass(frozen=True)
class Finding:
    code: str
    reason: str


@dataclass(frozen=True)
class Context:
    """Who judges, for which mailbox, on which day; `new_identification` names the answer's identification."""

    gemeentecode: str
    agb_code: str
    today: date
    retour_identificatie: str


@dataclass
class Judgement:
    """Everything found in one message, for the provider to read (HTTP answer, archive)."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, where: str, found: list[Finding]) -> list[str]:
        """Record what was found at `where`; the codes for that level (0200 when nothing)."""
        self.findings.extend(Finding(f.code, f"{where}: {f.reason}") for f in found)
        return [f.code for f in found] or [OK]

    @property
    def reasons(self) -> list[str]:
        return [f"{f.code} {f.reason}" for f in self.findings]


def header_findings(header: Header, context: Context, identification_seen: bool) -> list[Finding]:
    found = []
    if header.afzender != context.agb_code:
        found.append(
            Finding(TECHNICAL, f"Afzender {header.afzender} is not this mailbox's AGB code {context.agb_code}")
        )
    if header.ontvanger != context.gemeentecode:
        found.append(Finding(TECHNICAL, f"Ontvanger {header.ontvanger} is not this gemeente ({context.gemeentecode})"))
    dagtekening = header.bericht_identificatie.dagtekening
    if dagtekening > context.today:
        found.append(Finding("8848", f"Dagtekening {dagtekening} is after today ({context.today})"))
    if identification_seen:
        identificatie = header.bericht_identificatie.identificatie
        found.append(Finding("9056", f"identification {identificatie} was already received for this message type"))
    return found


def bsn_findings(bsn: str) -> list[Finding]:
    if passes_elfproef(bsn):
        return []
    return [Finding(TECHNICAL, "the BSN fails the 11-proef")]


def retour_header(heen: Header, berichtcode: str, context: Context, codes: list[str] | None) -> RetourHeader:
    """The retourbericht's header: the heenbericht's header as received, our identification and the codes."""
    return RetourHeader(
        bericht_code=berichtcode,
        afzender=heen.afzender,
        ontvanger=heen.ontvanger,
        bericht_identificatie=heen.bericht_identificatie,
        xsd_versie=heen.xsd_versie,
        identificatie_retour=context.retour_identificatie,
        dagtekening_retour=context.today,
        xsd_versie_retour=XsdVersie(),
        retour_codes=codes,
    )


def identification(identificatie: str, day: date) -> BerichtIdentificatie:
    return BerichtIdentificatie(identificatie=identificatie, dagtekening=day)
