"""Judging the aanbieder's requests, 315 (verzoek om toewijzing, per product) and 317 (verzoek om wijziging, as a
whole), and answering them with 316 and 318. An approved request is recorded; the decision on it is the
coordinator's (the route into planning, and the answer 319 with a 301 when taken, come in the next wave).

- ReferentieAanbieder is unique for the aanbieder (9347, TR347);
- 317: every OngewijzigdProduct and TeWijzigenProduct is a current toewijzing of this aanbieder for this client
  (9350, 9351; TR350, TR351), and together they list all of that client's current toewijzingen (9349, TR349).
"""

from __future__ import annotations

from kernel.iwmo.messages.verzoek import (
    AangevraagdProductRetour,
    NieuwProductRetour,
    OngewijzigdProductRetour,
    TeWijzigenProductRetour,
    VerzoekRetour,
    VotClientRetour,
    VowClientRetour,
    Wmo315,
    Wmo316,
    Wmo317,
    Wmo318,
)
from services.iwmo.domain.answer import Answer, Digest, Lookup, Seen
from services.iwmo.domain.client_file import ClientFile
from services.iwmo.domain.codes import NOT_ASSESSED, OK
from services.iwmo.domain.judgement import Context, Finding, Judgement, bsn_findings, retour_header
from services.iwmo.domain.regie import own_file

REFUSED = [Finding(NOT_ASSESSED, "client refused")]


def reference_key(agb_code: str, referentie: str) -> str:
    return f"referentie:{agb_code}:{referentie}"


def reference_findings(referentie: str, context: Context, seen: Seen, answer: Answer) -> list[Finding]:
    key = reference_key(context.agb_code, referentie)
    if seen(key) or key in answer.new_keys:
        return [Finding("9347", f"ReferentieAanbieder {referentie} was used before")]
    return []


def answer_315(message: Wmo315, context: Context, seen: Seen) -> Answer:
    answer = Answer(None, Judgement())
    client = message.client
    client_codes = answer.judgement.add("Client", bsn_findings(client.bsn))
    lines = []
    for product in client.aangevraagde_producten:
        found = (
            reference_findings(product.referentie_aanbieder, context, seen, answer) if client_codes == [OK] else REFUSED
        )
        codes = answer.judgement.add(f"AangevraagdProduct {product.referentie_aanbieder}", found)
        if codes == [OK]:
            answer.new_keys.append(reference_key(context.agb_code, product.referentie_aanbieder))
        lines.append(AangevraagdProductRetour(**vars(product), retour_codes=codes))
    fields = {k: getattr(client, k) for k in ("bsn", "geboortedatum", "geslacht", "naam", "commentaar")}
    retour = VotClientRetour(**fields, aangevraagde_producten=lines, retour_codes=client_codes)
    answer.retour = Wmo316(header=retour_header(message.header, "445", context, [OK]), client=retour)
    return answer


def answer_317(message: Wmo317, context: Context, lookup: Lookup, digest: Digest, seen: Seen) -> Answer:
    answer = Answer(None, Judgement())
    client, verzoek = message.client, message.client.verzoek
    client_codes = answer.judgement.add("Client", bsn_findings(client.bsn))
    files: list[ClientFile] = []

    def product_codes(nummer: int, code: str) -> list[str]:
        file = own_file(nummer, client.bsn, context, lookup, digest)
        if file is not None:
            files.append(file)
        found = [] if file is not None else [Finding(code, f"toewijzing {nummer} is not a current toewijzing")]
        return answer.judgement.add(f"Product {nummer}", found if client_codes == [OK] else REFUSED)

    unchanged = [OngewijzigdProductRetour(**vars(p), retour_codes=product_codes(p.toewijzing_nummer, "9350"))
                 for p in verzoek.ongewijzigde_producten or []]  # fmt: skip
    changed = [TeWijzigenProductRetour(**vars(p), retour_codes=product_codes(p.toewijzing_nummer, "9351"))
               for p in verzoek.te_wijzigen_producten or []]  # fmt: skip
    new = [NieuwProductRetour(**vars(p), retour_codes=[OK]) for p in verzoek.nieuwe_producten or []]
    listed = {p.toewijzing_nummer for p in unchanged} | {p.toewijzing_nummer for p in changed}
    found = reference_findings(verzoek.referentie_aanbieder, context, seen, answer)
    if files and not {t.nummer for t in files[0].current(context.today)} <= listed:
        found.append(Finding("9349", "the request does not list every current toewijzing of the client"))
    verzoek_codes = answer.judgement.add("Verzoek", found if client_codes == [OK] else REFUSED)
    product_codes_all = [p.retour_codes for p in unchanged] + [p.retour_codes for p in changed]
    if verzoek_codes == [OK] and all(codes == [OK] for codes in product_codes_all):
        answer.new_keys.append(reference_key(context.agb_code, verzoek.referentie_aanbieder))
    answered = VerzoekRetour(
        referentie_aanbieder=verzoek.referentie_aanbieder, reden_verzoek=verzoek.reden_verzoek,
        ongewijzigde_producten=unchanged or None, te_wijzigen_producten=changed or None, nieuwe_producten=new or None,
        retour_codes=verzoek_codes,
    )  # fmt: skip
    retour = VowClientRetour(bsn=client.bsn, verzoek=answered, retour_codes=client_codes)
    answer.retour = Wmo318(header=retour_header(message.header, "481", context, [OK]), client=retour)
    return answer
