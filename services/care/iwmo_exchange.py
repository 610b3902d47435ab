"""The reference provider speaking iWmo XML (issue 15): for each provider marked `"exchange": "iwmo"` it reads its
mailbox at the gemeente's gateway with the provider's own client-credentials token, takes each toewijzing of a
new 301 into its books and answers the 301 with its 302, starts care per the provider's policy with a 305, and
sends the 307 and 323 the provider reports through care's `/iwmo/...` routes. It publishes nothing on the bus for
these providers: the gateway publishes what it accepted (CareStartReported, CareStopReported, CareDeclarationReported).

A provider marked iwmo without a secret, or a platform without an issuer, cannot reach its mailbox: care then
keeps reporting for it in JSON facts and says so at start (`speaking`).
"""

from __future__ import annotations

import logging
import secrets
import threading
import warnings
from collections.abc import Mapping
from datetime import date
from typing import Any

import httpx
from lxml import etree

from kernel.errors import Refused
from kernel.iwmo import codec
from kernel.iwmo.messages.blocks import GeslotenPeriode
from kernel.iwmo.messages.catalog import Message
from kernel.iwmo.messages.toewijzing import Wmo301
from services.care.domain.iwmo_messages import compose_302, compose_305, compose_307, compose_323, toewijzingen
from services.care.domain.iwmo_toewijzing import (
    AWAITING_START,
    RECEIVED,
    START_EVENTS,
    IwmoToewijzing,
    start_state,
    toewijzing_id,
)
from services.care.domain.policy import Policy, auto_start_date
from wijk.eventstore import ServiceApplication
from wijk.log_index import LogIndex, StateIndex

with warnings.catch_warnings():  # authlib prefers the httpx2 package; httpx works the same for us
    warnings.simplefilter("ignore")
    from authlib.integrations.httpx_client import OAuth2Client

log = logging.getLogger(__name__)
XML = {"Content-Type": "application/xml"}


class MailboxUnreachable(RuntimeError):
    """The gateway or the identity provider did not answer; the next poll tries again."""


def speaking(policies: Mapping[str, Policy], secrets_by_provider: Mapping[str, str], issuer: str) -> set[str]:
    """The providers that really speak XML here: marked iwmo, with a secret, on a platform with an issuer."""
    marked = {p for p, policy in policies.items() if policy.speaks_iwmo}
    able = {p for p in marked if issuer and secrets_by_provider.get(p)}
    for provider in sorted(marked - able):
        log.warning("care: provider %s speaks iWmo but has no client secret or issuer: it reports in JSON", provider)
    return able


class Mailbox:
    """One provider's mailbox at the gateway, with its client-credentials token (authlib renews it)."""

    def __init__(self, url: str, issuer: str, provider_id: str, secret: str, audience: str = "wijk-iwmo") -> None:
        self.url, self.issuer, self.audience = url.rstrip("/"), issuer.rstrip("/"), audience
        self.http = OAuth2Client(provider_id, secret, scope=audience, grant_type="client_credentials", timeout=10)
        self.lock = threading.Lock()
        self.after = 0

    def _token(self) -> None:
        with self.lock:
            if "token_endpoint" not in self.http.metadata:
                found = self.http.request("GET", f"{self.issuer}/.well-known/openid-configuration", withhold_token=True)
                self.http.metadata["token_endpoint"] = found.raise_for_status().json()["token_endpoint"]
            if not self.http.token or self.http.token.is_expired(leeway=60):
                self.http.fetch_token(self.http.metadata["token_endpoint"], grant_type="client_credentials")

    def new_301s(self) -> list[Wmo301]:
        self._token()
        listed = self.http.get(f"{self.url}/mailbox/messages", params={"direction": "out", "after": self.after})
        found = []
        for entry in listed.raise_for_status().json():
            if entry["message"] == "WMO301":
                document = self.http.get(f"{self.url}/mailbox/messages/{entry['position']}").raise_for_status()
                message = codec.from_xml(etree.fromstring(document.content), "301")
                if isinstance(message, Wmo301):
                    found.append(message)
            self.after = entry["position"]
        return found

    def post(self, message: Message) -> dict[str, Any]:
        self._token()
        answer = self.http.post(f"{self.url}/mailbox/messages", content=codec.to_bytes(message), headers=XML)
        if answer.status_code not in (200, 422):
            raise MailboxUnreachable(f"the gateway answered {answer.status_code}: {answer.text[:200]}")
        return dict(answer.json())


class NoTariff(Refused):
    """A declaration for a product the provider has no agreed tariff for (422)."""


class IwmoExchange:
    def __init__(self, app: ServiceApplication, policies: Mapping[str, Policy], mailboxes: dict[str, Mailbox]) -> None:
        self.app, self.policies, self.mailboxes = app, policies, mailboxes
        self.index = LogIndex(app, IwmoToewijzing.Received, key=lambda e: e.provider_id)  # type: ignore[attr-defined]
        self.due = StateIndex(app, START_EVENTS, key=start_state)

    def poll(self, today: date) -> int:
        """Take in the new 301s of every XML provider and start what its policy starts; returns how many starts."""
        started = 0
        for provider, mailbox in self.mailboxes.items():
            try:
                for message in mailbox.new_301s():
                    self._take_in(provider, message, today)
                    mailbox.post(compose_302(message, _identificatie(), today))  # received: the 302 says so
                started += self._start_due(provider, today)
            except (httpx.HTTPError, OSError, ValueError, MailboxUnreachable) as exc:
                log.warning("care: mailbox of %s not read now: %s", provider, exc)
        return started

    def _take_in(self, provider: str, message: Wmo301, today: date) -> None:
        for nummer, client, product in toewijzingen(message):
            if toewijzing_id(provider, nummer) not in self.app.repository:
                header = message.header
                found = IwmoToewijzing(provider, nummer, header.ontvanger, header.afzender, client, product, today)
                self.app.save(found)

    def _start_due(self, provider: str, today: date) -> int:
        policy = self.policies[provider]
        if policy.manual_acceptance or not policy.start_on_acceptance:
            return 0
        started = 0
        for t in self.awaiting_start(provider):
            if t.status != RECEIVED or any(s["message"] == "WMO305" for s in t.sent):
                continue
            start, end = date.fromisoformat(t.product["ingangsdatum"]), t.product["einddatum"]
            begin = auto_start_date(start, date.fromisoformat(end) if end else date.max, today)
            if begin is not None and begin <= today:
                self.report(t, compose_305(t, begin, _identificatie(), today), today, begindatum=begin)
                started += 1
        return started

    def awaiting_start(self, provider: str) -> list[IwmoToewijzing]:
        """The provider's toewijzingen that await their 305: the poll every second reads these, not every one."""
        waiting: list[IwmoToewijzing] = [self.app.repository.get(i) for i in self.due.ids(AWAITING_START)]
        return [t for t in waiting if t.provider_id == provider]

    def of(self, provider: str) -> list[IwmoToewijzing]:
        return [self.app.repository.get(i) for i in self.index.ids(provider)]

    def get(self, provider: str, nummer: int) -> IwmoToewijzing:
        return self.app.repository.get(toewijzing_id(provider, nummer))  # type: ignore[no-any-return]

    def start(self, provider: str, nummer: int, start_date: date, today: date) -> dict[str, Any]:
        """Start care by hand (a provider that answers by hand): a 305."""
        t = self.get(provider, nummer)
        return self.report(t, compose_305(t, start_date, _identificatie(), today), today, begindatum=start_date)

    def stop(self, provider: str, nummer: int, end_date: date, reason: str, today: date) -> dict[str, Any]:
        t = self.get(provider, nummer)
        return self.report(t, compose_307(t, end_date, reason, _identificatie(), today), today, einddatum=end_date)

    def declare(self, provider: str, nummer: int, start: date, end: date, volume: int, today: date) -> dict[str, Any]:
        t = self.get(provider, nummer)
        t.check_started()
        tariff = self.policies[provider].tariff(str(t.product["code"]), str(t.product["eenheid"]))
        if tariff is None:
            raise NoTariff(f"no agreed tariff for {t.product['code']} in unit {t.product['eenheid']}")
        period = GeslotenPeriode(begindatum=start, einddatum=end)
        message = compose_323(t, period, volume, tariff, _identificatie(), _identificatie(), today)
        return self.report(t, message, today, volume=volume)

    def report(self, t: IwmoToewijzing, message: Message, today: date, **changes: Any) -> dict[str, Any]:
        """Post the message to the provider's mailbox and record the gemeente's verdict on the toewijzing."""
        outcome = self.mailboxes[t.provider_id].post(message)
        identificatie = message.header.bericht_identificatie.identificatie
        t.reported(f"WMO{message.CODE}", identificatie, outcome["outcome"], outcome["reasons"], today, **changes)
        self.app.save(t)
        return outcome


def _identificatie() -> str:
    return secrets.token_hex(6)
