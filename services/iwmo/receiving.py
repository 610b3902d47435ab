"""Receiving one message from a provider: read it (safely, against its XSD), judge its header, then its body by
message type, and archive it with its retour in one transaction with everything it changed.

A provider's own retourberichten (302 on a 301, 320 on a 319) are archived with their codes and get no answer.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate

from kernel.iwmo import codec
from kernel.iwmo.messages.blocks import Header, RetourHeader
from kernel.iwmo.messages.catalog import RETOUR_OF, Message, message_type
from kernel.iwmo.messages.declaratie import Wmo323, Wmo325
from kernel.iwmo.messages.regie import Wmo305, Wmo307
from kernel.iwmo.messages.verzoek import Wmo315, Wmo317
from services.iwmo.domain.answer import Answer
from services.iwmo.domain.archive import ACCEPTED, IN, OUT, PARTLY, REJECTED, SENT, UNREADABLE, ArchivedMessage
from services.iwmo.domain.client_file import Claim
from services.iwmo.domain.codes import TECHNICAL
from services.iwmo.domain.declaratie import answer_323, answer_header, declaration_key
from services.iwmo.domain.judgement import Context, Finding, Judgement, header_findings, retour_header
from services.iwmo.domain.regie import answer_305, answer_307
from services.iwmo.domain.verzoek import answer_315, answer_317
from services.iwmo.xml.reader import Read, Refused, read

if TYPE_CHECKING:
    from services.iwmo.application import IwmoApplication

PROVIDER_RETOURS = ("302", "320")


@dataclass(frozen=True)
class Incoming:
    code: str | None
    identificatie: str
    document: bytes


class Receiver:
    def __init__(self, app: IwmoApplication) -> None:
        self.app = app

    def receive(self, agb: str, document: bytes, today: date) -> dict[str, Any]:
        from services.iwmo.application import new_identification

        context = Context(self.app.parties.gemeentecode, agb, today, new_identification())
        result = read(document, self.app.schemas, self.app.limits)
        if isinstance(result, Refused):
            return self._refused(document, result, context)
        header = result.message.header
        key = identification_key(agb, result.code, header)
        found = header_findings(expected(header, result.code), context, self.app.seen(key))
        answer = header_answer(result, found, context) if found else self.judge(result, context)
        if not found:
            answer.new_keys.append(key)
        incoming = Incoming(result.code, own_identification(header, result.code), document)
        return self._archive(incoming, answer, context, header_rejected=bool(found))

    def judge(self, result: Read, context: Context) -> Answer:
        app, message = self.app, result.message
        if isinstance(message, Wmo305):
            return answer_305(message, context, app.lookup, app.digest)
        if isinstance(message, Wmo307):
            return answer_307(message, context, app.lookup, app.digest)
        if isinstance(message, Wmo323):
            seen = app.seen(declaration_key(context.agb_code, message.declaratie.declaratie_nummer))
            return answer_323(message, context, app.lookup, app.digest, seen)
        if isinstance(message, Wmo315):
            answer = answer_315(message, context, app.seen)
            answer.also += app.requests.from_315(message, answer, context)
            return answer
        if isinstance(message, Wmo317):
            answer = answer_317(message, context, app.lookup, app.digest, app.seen)
            answer.also += app.requests.from_317(message, answer, context)
            return answer
        codes = getattr(message.header, "retour_codes", None) or []
        return Answer(None, Judgement([Finding(c, "code in the provider's retour") for c in codes if c != "0200"]))

    def _refused(self, document: bytes, refused: Refused, context: Context) -> dict[str, Any]:
        answer = Answer(None, Judgement([Finding(TECHNICAL, reason) for reason in refused.reasons]))
        if refused.code in RETOUR_OF and refused.header is not None:
            answer.retour = header_only(refused.code, refused.header, context, [TECHNICAL])
        identificatie = refused.header.bericht_identificatie.identificatie if refused.header else ""
        incoming = Incoming(refused.code, identificatie, document)
        return self._archive(incoming, answer, context, header_rejected=True, unreadable=refused.code is None)

    def _archive(self, incoming: Incoming, answer: Answer, context: Context, header_rejected: bool,
                 unreadable: bool = False) -> dict[str, Any]:  # fmt: skip
        reasons = answer.judgement.reasons
        outcome = outcome_of(answer, header_rejected, unreadable)
        inbound = ArchivedMessage(context.agb_code, IN, incoming.code or "", incoming.identificatie,
                                  _b64(incoming.document), outcome, reasons)  # fmt: skip
        retour = self._retour(answer.retour, context)
        claims = [Claim(key) for key in answer.new_keys]
        recordings = self.app.save(*answer.touched, *claims, inbound, *([retour] if retour else []), *answer.also)
        positions = {r.domain_event.originator_id: r.notification.id for r in recordings}
        return {
            "message": f"WMO{incoming.code}" if incoming.code else None,
            "identificatie": incoming.identificatie,
            "position": positions.get(inbound.id),
            "outcome": outcome,
            "reasons": reasons,
            "retour": {"message": f"WMO{retour.code}", "position": positions.get(retour.id)} if retour else None,
        }

    def _retour(self, message: Message | None, context: Context) -> ArchivedMessage | None:
        """The retour, archived for the provider to fetch, when it passes its own XSD (else only the reasons)."""
        if message is None or self.app.schemas.validate(codec.to_xml(message), message.CODE) is not None:
            return None
        document = codec.to_bytes(message)
        return ArchivedMessage(context.agb_code, OUT, message.CODE, context.retour_identificatie, _b64(document),
                               SENT, [])  # fmt: skip


def expected(header: Header, code: str) -> Header:
    """A provider's retour repeats the gemeente's header (Afzender gemeente): judged with the roles turned, as the
    heenbericht's header (a RetourHeader's own fields left out)."""
    if code in PROVIDER_RETOURS:
        heen = {f.name: getattr(header, f.name) for f in fields(Header)}
        return Header(**{**heen, "afzender": header.ontvanger, "ontvanger": header.afzender})
    return header


def own_identification(header: Header, code: str) -> str:
    if code in PROVIDER_RETOURS and isinstance(header, RetourHeader):
        return header.identificatie_retour
    return header.bericht_identificatie.identificatie


def identification_key(agb: str, code: str, header: Header) -> str:
    return f"bericht:{agb}:{code}:{own_identification(header, code)}"


def header_answer(result: Read, found: list[Finding], context: Context) -> Answer:
    answer = Answer(None, Judgement())
    codes = answer.judgement.add("Header", found)
    if result.code in RETOUR_OF:
        answer.retour = header_only(result.code, result.message.header, context, codes)
    return answer


def header_only(code: str, header: Header, context: Context, codes: list[str]) -> Message:
    """A retour that answers the header alone (the body is not assessed)."""
    retour_type = message_type(RETOUR_OF[code])
    if retour_type is Wmo325:
        heen = Wmo323(header=header, declaratie=None)  # type: ignore[arg-type]
        return Wmo325(header=answer_header(heen, context, codes))  # type: ignore[arg-type]
    berichtcode = retour_type.BERICHTCODE
    return retour_type(header=retour_header(header, berichtcode, context, codes))  # type: ignore[call-arg,arg-type]


def outcome_of(answer: Answer, header_rejected: bool, unreadable: bool) -> str:
    if unreadable:
        return UNREADABLE
    if header_rejected:
        return REJECTED
    if not answer.judgement.findings:
        return ACCEPTED
    return PARTLY if answer.touched or len(answer.new_keys) > 1 else REJECTED


def _b64(document: bytes) -> str:
    import base64

    return base64.b64encode(document).decode("ascii")


__all__ = ["Aggregate", "Receiver"]
