"""`ClientRecords` over HTTP: intake's `GET /households/{id}/iwmo-client`, called with the gateway's own
client-credentials token (client `wijk-iwmo`, role `iwmo-gateway`, audience intake) for the one purpose
"iWmo toewijzing"; intake puts each call on its access log with that basis.

The token comes from the identity provider named by `WIJK_IDENTITY_ISSUER` (its discovery document gives the token
endpoint) through authlib's OAuth 2 client, which fetches a new one before the old one expires. What intake
answers decides what happens to the 301: 200 composes it, 410 (erased) means none is ever sent, anything else
(404, 401/403 from a misconfiguration, intake down) holds it with the reason and the retry tries again.
"""

from __future__ import annotations

import logging
import threading
import warnings
from typing import Any
from uuid import UUID

import httpx

from services.iwmo.domain.client import ClientErased, ClientRecord, ClientRecordsUnavailable, from_intake

with warnings.catch_warnings():  # authlib prefers the httpx2 package; httpx works the same for us
    warnings.simplefilter("ignore")
    from authlib.integrations.base_client.errors import OAuthError
    from authlib.integrations.httpx_client import OAuth2Client

log = logging.getLogger(__name__)


class HttpClientRecords:
    def __init__(
        self, intake_url: str, issuer: str, client_id: str, client_secret: str, audience: str, timeout: float = 10
    ) -> None:
        self.intake_url, self.issuer, self.audience = intake_url.rstrip("/"), issuer.rstrip("/"), audience
        self.http = OAuth2Client(
            client_id, client_secret, scope=audience, grant_type="client_credentials", timeout=timeout
        )
        self._token_endpoint: str | None = None
        self._lock = threading.Lock()  # one token fetch at a time; the client is shared by the gateway's threads

    def client_of(self, household_id: UUID, purpose: str) -> ClientRecord:
        try:
            with self._lock:
                self._ensure_token()
            response = self.http.get(
                f"{self.intake_url}/households/{household_id}/iwmo-client", params={"purpose": purpose}
            )
        except (httpx.HTTPError, OAuthError, OSError, ValueError) as exc:
            raise ClientRecordsUnavailable(f"intake or the identity provider cannot be reached: {exc}") from None
        if response.status_code == 410:
            raise ClientErased(f"household {household_id} was erased")
        if response.status_code != 200:
            raise ClientRecordsUnavailable(f"intake answered {response.status_code}: {_detail(response)}")
        return from_intake(response.json())

    def _ensure_token(self) -> None:
        if self._token_endpoint is None:
            discovery = self.http.request("GET", f"{self.issuer}/.well-known/openid-configuration", withhold_token=True)
            self._token_endpoint = str(discovery.raise_for_status().json()["token_endpoint"])
            self.http.metadata["token_endpoint"] = self._token_endpoint
        if not self.http.token or self.http.token.is_expired(leeway=60):
            self.http.fetch_token(self._token_endpoint, grant_type="client_credentials", scope=self.audience)

    def close(self) -> None:
        self.http.close()


def _detail(response: httpx.Response) -> Any:
    try:
        return response.json().get("detail", response.text[:200])
    except ValueError:
        return response.text[:200]
