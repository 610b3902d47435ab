"""`wijk settings-doc` (the settings table of docs/deployment.md), `wijk intake rewrap-keys` (a rotation of the
key-encryption key, docs/adr/0004-secrets-and-key-encryption-key.md) and `wijk text-keys rewrap-keys` (the same for
the text key-encryption key, docs/adr/0006-free-text-crypto-shredding.md)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wijk.settings import PlatformSettings


def register(commands: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add the commands to `wijk`'s subparsers; returns their handlers by command name."""
    doc = commands.add_parser("settings-doc", help="print every setting, or rewrite the table of docs/deployment.md")
    doc.add_argument("--write", action="store_true", help="rewrite the table in docs/deployment.md")
    intake = commands.add_parser("intake", help="intake's key vault")
    intake.add_argument("action", choices=["rewrap-keys"], help="rewrap every household key with a new KEK")
    intake.add_argument("--old-key-file", type=Path, required=True, help="file holding the current KEK (base64)")
    intake.add_argument("--new-key-file", type=Path, required=True, help="file holding the new KEK (base64)")
    text = commands.add_parser("text-keys", help="the households' text keys (docs/adr/0006)")
    text.add_argument("action", choices=["rewrap-keys"], help="rewrap every text key with a new text KEK")
    text.add_argument("--old-key-file", type=Path, required=True, help="file holding the current text KEK (base64)")
    text.add_argument("--new-key-file", type=Path, required=True, help="file holding the new text KEK (base64)")
    return {"settings-doc": _settings_doc, "intake": _rewrap, "text-keys": _rewrap_text}


def _settings_doc(args: argparse.Namespace) -> int:
    from tooling.settings_doc import DEPLOYMENT, table, write

    if args.write:
        print(f"{DEPLOYMENT}: {'updated' if write() else 'already up to date'}")
    else:
        print(table())
    return 0


def _rewrap(args: argparse.Namespace) -> int:
    from psycopg_pool import ConnectionPool

    from services.intake.key_rotation import refuse_foreign_keys, rewrap_keys
    from services.intake.key_wrapping import KeyEncryptionKeyError, local_kek

    try:
        old, new = local_kek(file=str(args.old_key_file)), local_kek(file=str(args.new_key_file))
        with ConnectionPool(PlatformSettings().pg_dsn(), min_size=1, max_size=1) as pool:
            count = rewrap_keys(pool, old, new)
            refuse_foreign_keys(pool, new)  # a wrong old key rewraps nothing and leaves the rotation undone
    except KeyEncryptionKeyError as exc:
        print(f"wijk intake rewrap-keys: {exc}", file=sys.stderr)
        return 1
    print(f"rewrapped {count} household keys from key-encryption key {old.key_id} to {new.key_id}")
    return 0


def _rewrap_text(args: argparse.Namespace) -> int:
    from wijk.household_keys import rewrap_text_keys
    from wijk.key_wrapping import KeyEncryptionKeyError, local_kek

    try:
        old, new = local_kek(file=str(args.old_key_file)), local_kek(file=str(args.new_key_file))
        count = rewrap_text_keys(PlatformSettings().pg_dsn(), old, new)
    except KeyEncryptionKeyError as exc:
        print(f"wijk text-keys rewrap-keys: {exc}", file=sys.stderr)
        return 1
    print(f"rewrapped {count} text keys from key-encryption key {old.key_id} to {new.key_id}")
    return 0
