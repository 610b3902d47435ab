"""Secrets per data folder, generated on first start and never shipped: no default secret exists anywhere.

`<data>/identity/signing-key.json` holds the provider's private signing key (a JWK made by joserfc);
`<data>/identity/credentials.json` holds every user's password and stable pseudonymous subject, every
client's secret, and the browser session secret. Both are 0600 in a 0700 folder. A user or client added to
the configuration later gets its own on the next start; existing ones keep theirs. The demo, simulator and
bench read the credentials file the way an operator would hand them out.
"""

from __future__ import annotations

import json
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from joserfc.jwk import KeySet, RSAKey

from tooling.identity_provider.seed import Seed


@dataclass(frozen=True)
class Credentials:
    path: Path
    users: dict[str, dict[str, str]]
    clients: dict[str, dict[str, str]]
    session_secret: str

    def password(self, username: str) -> str:
        return self.users[username]["password"]

    def subject(self, username: str) -> str:
        return self.users[username]["subject"]

    def secret(self, client_id: str) -> str:
        return self.clients[client_id]["secret"]


def identity_dir(data: Path) -> Path:
    folder = data / "identity"
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def ensure_credentials(data: Path, seed: Seed) -> Credentials:
    """Load the credentials of this data folder, adding what the seed names and the file lacks."""
    path = identity_dir(data) / "credentials.json"
    stored = _load(path)
    users = stored.get("users", {})
    for person in seed.people:
        users.setdefault(person.username, {"password": _password(), "subject": str(uuid.uuid4())})
    clients = stored.get("clients", {})
    for client in seed.registrations:
        if client.kind != "public":
            clients.setdefault(client.client_id, {"secret": secrets.token_urlsafe(32)})
    session_secret = stored.get("session_secret") or secrets.token_urlsafe(32)
    credentials = Credentials(path, users, clients, session_secret)
    _write(path, {"users": users, "clients": clients, "session_secret": session_secret})
    return credentials


def load_credentials(data: Path) -> Credentials:
    """The credentials an earlier start generated (for the demo, the simulator and tests)."""
    path = data / "identity" / "credentials.json"
    stored = _load(path)
    if not stored:
        raise FileNotFoundError(f"{path} does not exist: start the identity provider once (`wijk up`)")
    return Credentials(path, stored["users"], stored["clients"], stored["session_secret"])


def ensure_signing_keys(data: Path) -> KeySet:
    """The provider's private key set: one RS256 key, generated on first start."""
    path = identity_dir(data) / "signing-key.json"
    stored = _load(path)
    if stored:
        return KeySet.import_key_set(stored)  # type: ignore[arg-type]
    key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"}, auto_kid=True)
    keys = KeySet([key])
    _write(path, dict(keys.as_dict(private=True)))
    return keys


def _password() -> str:
    return secrets.token_urlsafe(12)


def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    path.chmod(0o600)
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _write(path: Path, content: dict[str, Any]) -> None:
    """Write through a 0600 temporary file and rename, so the secret is never readable by others."""
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(content, handle, indent=1, sort_keys=True)
    os.replace(temporary, path)
