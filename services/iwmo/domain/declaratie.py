"""Judging a declaration (323) prestatie by prestatie and answering it with a 325: the valid lines are approved
(and published for payment) even when other lines of the same declaration are rejected.

Declaration level: a DeclaratieNummer used before by this aanbieder rejects the whole declaration (9333, TR333).
Per client: a BSN failing the 11-proef (0001; its lines are not assessed, 0233). Per prestatie, in order:
- debet only: a credit line (correcting an approved one) gets 8017 (TR323) when no such debet is known, and is
  otherwise not assessed (0233): this version does not reverse payments;
- the ToewijzingNummer is this aanbieder's toewijzing (9338, TR338) for this client (8187, TR304);
- ProductCategorie, ProductCode and Eenheid are those of the toewijzing (9339, 9340, 9341; TR339-341);
- the ProductPeriode begins and ends within the toewijzing (9307, 9308; TR307, TR308) and within the
  DeclaratiePeriode (9319, TR319);
- the ProductReferentie was not declared before (8021, TR314);
- IngediendBedrag is GeleverdVolume times ProductTarief, unless the unit is euros (9346, TR346);
- the volume fits the omvang in the prestatie's own period (9321, TR321) and, added to everything approved
  before, in the whole toewijzing (9322, TR322), with the frequency arithmetic of `volume.py`.
The 325 carries 8001 (declaratie volledig toegewezen) and no client detail when every line is approved;
otherwise every client and prestatie with its codes. The amounts are integer cents.
"""

from __future__ import annotations

from kernel.iwmo.messages.blocks import GeslotenPeriode, TotaalBedragMetDC
from kernel.iwmo.messages.declaratie import (
    ClientAntwoord,
    DeclaratieAntwoord,
    DeclaratieAntwoordHeader,
    Prestatie,
    PrestatieAntwoord,
    Wmo323,
    Wmo325,
)
from services.iwmo.domain.answer import Answer, Digest, Lookup
from services.iwmo.domain.client_file import ClientFile, Toewijzing
from services.iwmo.domain.codes import EURO_UNIT, NOT_ASSESSED, OK
from services.iwmo.domain.judgement import Context, Finding, Judgement, bsn_findings, identification
from services.iwmo.domain.volume import allowed


def prestatie_findings(line: Prestatie, toewijzing: Toewijzing, period: GeslotenPeriode) -> list[Finding]:
    found = []
    start, end = line.product_periode.begindatum, line.product_periode.einddatum
    if line.product_categorie != toewijzing.category:
        found.append(Finding("9339", f"categorie {line.product_categorie} is not {toewijzing.category}"))
    if line.product_code != toewijzing.product_code:
        found.append(Finding("9340", f"product {line.product_code} is not {toewijzing.product_code}"))
    if line.eenheid != toewijzing.unit:
        found.append(Finding("9341", f"eenheid {line.eenheid} is not {toewijzing.unit}"))
    if not toewijzing.ingangsdatum <= start <= toewijzing.einddatum:
        found.append(Finding("9307", f"{start} is outside {toewijzing.ingangsdatum}..{toewijzing.einddatum}"))
    if not toewijzing.ingangsdatum <= end <= toewijzing.einddatum:
        found.append(Finding("9308", f"{end} is outside {toewijzing.ingangsdatum}..{toewijzing.einddatum}"))
    if start < period.begindatum or end > period.einddatum:
        found.append(Finding("9319", f"{start}..{end} is not within the declaratieperiode"))
    if line.product_referentie.referentie_nummer in toewijzing.references:
        found.append(Finding("8021", f"prestatie {line.product_referentie.referentie_nummer} was declared before"))
    bedrag = line.ingediend_bedrag.bedrag
    if (
        line.eenheid != EURO_UNIT
        and line.product_tarief is not None
        and bedrag != line.geleverd_volume * line.product_tarief
    ):
        found.append(Finding("9346", f"{bedrag} is not {line.geleverd_volume} x {line.product_tarief}"))
    return found or volume_findings(line, toewijzing)


def volume_findings(line: Prestatie, toewijzing: Toewijzing) -> list[Finding]:
    start, end = line.product_periode.begindatum, line.product_periode.einddatum
    in_period = allowed(toewijzing.volume, toewijzing.frequency, start, end)
    if line.geleverd_volume > in_period:
        return [Finding("9321", f"{line.geleverd_volume} declared, {in_period} assigned for {start}..{end}")]
    total = allowed(toewijzing.volume, toewijzing.frequency, toewijzing.ingangsdatum, toewijzing.einddatum)
    if toewijzing.declared_volume + line.geleverd_volume > total:
        left = total - toewijzing.declared_volume
        return [Finding("9322", f"{line.geleverd_volume} declared, {left} left of {total} assigned")]
    return []


def line_findings(line: Prestatie, file: ClientFile | None, bsn: str, ctx: Context, digest: Digest,
                  period: GeslotenPeriode) -> list[Finding]:  # fmt: skip
    reference = line.product_referentie.referentie_nummer
    own = file is not None and file.agb_code == ctx.agb_code
    if file is None or not own:
        return [Finding("9338", f"toewijzing {line.toewijzing_nummer} is not a toewijzing of this aanbieder")]
    toewijzing = file.toewijzingen[line.toewijzing_nummer]
    if line.ingediend_bedrag.debet_credit == "C":
        if reference not in toewijzing.references:
            return [Finding("8017", f"no debet prestatie {reference} is known")]
        return [Finding(NOT_ASSESSED, "credit prestaties are not processed in this version")]
    if file.bsn_digest != digest(bsn):
        return [Finding("8187", f"toewijzing {line.toewijzing_nummer} is for another client")]
    return prestatie_findings(line, toewijzing, period)


def answer_323(message: Wmo323, ctx: Context, lookup: Lookup, digest: Digest, declared_before: bool) -> Answer:
    answer = Answer(None, Judgement())
    declaratie = message.declaratie
    if declared_before:
        codes = answer.judgement.add("Declaratie", [Finding("9333", f"{declaratie.declaratie_nummer} is not new")])
        return _answered(answer, message, ctx, codes, 0, None)
    answer.new_keys.append(declaration_key(ctx.agb_code, declaratie.declaratie_nummer))
    clients, approved_cents, all_approved = [], 0, True
    for client in declaratie.clienten:
        client_codes = answer.judgement.add(f"Client {client.bsn[-3:]}", bsn_findings(client.bsn))
        lines = []
        for line in client.prestaties:
            file = lookup(line.toewijzing_nummer)
            found = (
                line_findings(line, file, client.bsn, ctx, digest, declaratie.declaratie_periode)
                if client_codes == [OK]
                else [Finding(NOT_ASSESSED, "client refused")]
            )
            codes = answer.judgement.add(f"Prestatie {line.product_referentie.referentie_nummer}", found)
            if codes == [OK] and file is not None:
                period = line.product_periode
                file.approve(line.toewijzing_nummer, line.product_referentie.referentie_nummer, period.begindatum,
                             period.einddatum, line.geleverd_volume, line.ingediend_bedrag.bedrag)  # fmt: skip
                answer.touch(file)
                approved_cents += line.ingediend_bedrag.bedrag
            all_approved = all_approved and codes == [OK]
            lines.append(PrestatieAntwoord(**vars(line), retour_codes=codes))
        clients.append(ClientAntwoord(bsn=client.bsn, prestaties=lines, retour_codes=client_codes))
    if all_approved:
        return _answered(answer, message, ctx, ["8001"], approved_cents, None)
    return _answered(answer, message, ctx, [OK], approved_cents, clients)


def _answered(answer: Answer, message: Wmo323, ctx: Context, codes: list[str], approved_cents: int,
              clients: list[ClientAntwoord] | None) -> Answer:  # fmt: skip
    declaratie = message.declaratie
    body = DeclaratieAntwoord(
        declaratie_nummer=declaratie.declaratie_nummer,
        totaal_ingediend_bedrag=declaratie.totaal_ingediend_bedrag,
        totaal_toegekend_bedrag=TotaalBedragMetDC(totaal_bedrag=approved_cents),
        clienten=clients,
        retour_codes=codes,
    )
    answer.retour = Wmo325(header=answer_header(message, ctx, [OK]), declaratie_antwoord=body)
    return answer


def answer_header(message: Wmo323, ctx: Context, codes: list[str]) -> DeclaratieAntwoordHeader:
    return DeclaratieAntwoordHeader(
        bericht_code="485",
        afzender=ctx.gemeentecode,
        ontvanger=message.header.afzender,
        bericht_identificatie=identification(ctx.retour_identificatie, ctx.today),
        declaratie_identificatie=message.header.bericht_identificatie,
        xsd_versie_declaratie=message.header.xsd_versie,
        retour_codes=codes,
    )


def declaration_key(agb_code: str, nummer: str) -> str:
    return f"declaratie:{agb_code}:{nummer}"
