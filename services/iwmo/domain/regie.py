"""Judging the regieberichten 305 (start) and 307 (stop), line by line, and answering them with 306 and 308.

Per StartProduct / StopProduct, in order:
- the ToewijzingNummer is a toewijzing this gemeente gave to this aanbieder for this client: else 9019 (TR019),
  also for another aanbieder's toewijzing (a provider only reports on its own assignments);
- 305, StatusAanlevering 1 (or 9): no earlier start with the same key (toewijzing, Begindatum): else 9074 (TR074);
  no delivery still open on the toewijzing: else 9326 (TR326);
- 307: a start with the same key exists: else 9069 (TR069); that delivery was not stopped for good already: else
  9415 (TR415); a second temporary stop (reden 20) of the same delivery: 9413 (TR413);
- StatusAanlevering 2 and 3 (correcting or withdrawing an earlier message) need that earlier message: else 9063
  (TR063); when it exists they are answered 0233 (not assessed): this version does not correct reported starts.
A line without findings is accepted at once (its fact is published); the others are rejected with their codes.
"""

from __future__ import annotations

from kernel.iwmo.messages.regie import (
    StartClientRetour,
    StartProduct,
    StartProductRetour,
    StopClientRetour,
    StopProduct,
    StopProductRetour,
    Wmo305,
    Wmo306,
    Wmo307,
    Wmo308,
)
from services.iwmo.domain.answer import Answer, Digest, Lookup
from services.iwmo.domain.client_file import ClientFile
from services.iwmo.domain.codes import NOT_ASSESSED, OK, TEMPORARY_STOP
from services.iwmo.domain.judgement import Context, Finding, Judgement, bsn_findings, retour_header

FIRST = ("1", "9")


def own_file(nummer: int | None, bsn: str, context: Context, lookup: Lookup, digest: Digest) -> ClientFile | None:
    """The client file of the toewijzing, when it is this aanbieder's and this client's."""
    file = lookup(nummer) if nummer is not None else None
    if file is None or file.agb_code != context.agb_code or file.bsn_digest != digest(bsn):
        return None
    return file


def start_findings(product: StartProduct, file: ClientFile | None) -> list[Finding]:
    nummer = product.toewijzing_nummer
    if file is None or nummer is None:
        return [Finding("9019", f"toewijzing {nummer} is not a toewijzing of this aanbieder for this client")]
    deliveries = file.toewijzingen[nummer].deliveries
    if product.status_aanlevering not in FIRST:
        if product.begindatum not in deliveries:
            return [Finding("9063", f"no earlier start on {product.begindatum} to correct or withdraw")]
        return [Finding(NOT_ASSESSED, "correcting or withdrawing a start is not processed in this version")]
    if product.begindatum in deliveries:
        return [Finding("9074", f"a start on {product.begindatum} was already received")]
    if file.toewijzingen[nummer].open_delivery() is not None:
        return [Finding("9326", "the current delivery has not been stopped with a 307")]
    return []


def stop_findings(product: StopProduct, file: ClientFile | None) -> list[Finding]:
    nummer = product.toewijzing_nummer
    if file is None or nummer is None:
        return [Finding("9019", f"toewijzing {nummer} is not a toewijzing of this aanbieder for this client")]
    delivery = file.toewijzingen[nummer].deliveries.get(product.begindatum)
    if delivery is None:
        return [Finding("9069", f"there is no current start on {product.begindatum}")]
    if product.status_aanlevering not in FIRST:
        return [Finding(NOT_ASSESSED, "correcting or withdrawing a stop is not processed in this version")]
    if delivery.reden is not None and delivery.reden != TEMPORARY_STOP:
        return [Finding("9415", f"the delivery from {product.begindatum} was already stopped for good")]
    if delivery.reden == TEMPORARY_STOP and product.reden_beeindiging == TEMPORARY_STOP:
        return [Finding("9413", f"the delivery from {product.begindatum} was already stopped temporarily")]
    return []


def answer_305(message: Wmo305, context: Context, lookup: Lookup, digest: Digest) -> Answer:
    answer = Answer(None, Judgement())
    client = message.client
    client_codes = answer.judgement.add("Client", bsn_findings(client.bsn))
    lines = []
    for product in client.start_producten:
        file = own_file(product.toewijzing_nummer, client.bsn, context, lookup, digest)
        found = start_findings(product, file) if client_codes == [OK] else [Finding(NOT_ASSESSED, "client refused")]
        codes = answer.judgement.add(f"StartProduct {product.toewijzing_nummer}", found)
        if codes == [OK] and file is not None and product.toewijzing_nummer is not None:
            file.start(product.toewijzing_nummer, product.begindatum)
            answer.touch(file)
        lines.append(StartProductRetour(**vars(product), retour_codes=codes))
    fields = {k: getattr(client, k) for k in ("bsn", "geboortedatum", "geslacht", "naam")}
    retour = StartClientRetour(**fields, start_producten=lines, retour_codes=client_codes)
    answer.retour = Wmo306(header=retour_header(message.header, "419", context, [OK]), client=retour)
    return answer


def answer_307(message: Wmo307, context: Context, lookup: Lookup, digest: Digest) -> Answer:
    answer = Answer(None, Judgement())
    client = message.client
    client_codes = answer.judgement.add("Client", bsn_findings(client.bsn))
    lines = []
    for product in client.stop_producten:
        file = own_file(product.toewijzing_nummer, client.bsn, context, lookup, digest)
        found = stop_findings(product, file) if client_codes == [OK] else [Finding(NOT_ASSESSED, "client refused")]
        codes = answer.judgement.add(f"StopProduct {product.toewijzing_nummer}", found)
        if codes == [OK] and file is not None and product.toewijzing_nummer is not None:
            file.stop(product.toewijzing_nummer, product.begindatum, product.einddatum, product.reden_beeindiging)
            answer.touch(file)
        lines.append(StopProductRetour(**vars(product), retour_codes=codes))
    fields = {k: getattr(client, k) for k in ("bsn", "geboortedatum", "geslacht", "naam")}
    retour = StopClientRetour(**fields, stop_producten=lines, retour_codes=client_codes)
    answer.retour = Wmo308(header=retour_header(message.header, "421", context, [OK]), client=retour)
    return answer
