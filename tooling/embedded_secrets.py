"""The secrets of the embedded demo mode: random, made once per data folder, kept there readable by its owner only.

Services have no default secrets and refuse to start without them. `wijk up`, `wijk simulate`, `wijk bench` and the
tests run the embedded stack, so they make the secrets themselves: on the first start of a data folder this module
writes `secrets.env` (0600) with a fresh blind-index secret and key-encryption key, and every later start of the
same folder reads them back, so its households stay readable and findable. A deployment sets its own (compose
refuses to start without them).
"""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from tooling.pg_roles import password_variable
from wijk.settings import SERVICES

FILE = "secrets.env"


def generate() -> dict[str, str]:
    """Fresh values for every secret a service needs."""
    return {
        "WIJK_INTAKE_BLIND_INDEX_SECRET": secrets.token_urlsafe(48),
        "WIJK_INTAKE_KEY_ENCRYPTION_KEY": base64.b64encode(secrets.token_bytes(32)).decode("ascii"),
        "WIJK_IWMO_CLIENT_DIGEST_SECRET": secrets.token_urlsafe(48),
        "WIJK_TEXT_KEY_ENCRYPTION_KEY": base64.b64encode(secrets.token_bytes(32)).decode("ascii"),
        **{password_variable(service): secrets.token_urlsafe(32) for service in SERVICES},
    }


def demo_secrets(data_dir: Path) -> dict[str, str]:
    """The data folder's secrets as environment variables; made (0600) on its first use, and any secret a later
    version needs added to the same file."""
    path = Path(data_dir) / FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write("# Generated for this embedded data folder only; a deployment sets its own secrets.\n")
    kept = _read(path)
    missing = {name: value for name, value in generate().items() if name not in kept}
    if missing:
        with path.open("a", encoding="ascii") as file:
            file.write("".join(f"{name}={value}\n" for name, value in missing.items()))
    return {**kept, **missing}


def _read(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="ascii").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
