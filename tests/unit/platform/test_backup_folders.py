"""Backup folders are checked before PostgreSQL is touched: no overwriting a backup, no restoring half of one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tooling.backup import MANIFEST, BackupError, backup, restore
from wijk.settings import PlatformSettings

pytestmark = pytest.mark.unit
NOWHERE = PlatformSettings(pg_host="/nonexistent", pg_port=1)


def test_a_folder_without_a_manifest_is_not_restored(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="holds no backup"):
        restore(NOWHERE, tmp_path)


def test_a_backup_missing_a_store_is_not_restored(tmp_path: Path) -> None:
    stores = {"intake": {"file": "intake.dump", "events": 3}, "budget": {"file": "budget.dump", "events": 9}}
    (tmp_path / MANIFEST).write_text(json.dumps({"stores": stores}))
    (tmp_path / "intake.dump").write_bytes(b"PGDMP")
    with pytest.raises(BackupError, match=r"incomplete: missing budget\.dump"):
        restore(NOWHERE, tmp_path)


def test_a_backup_is_never_written_over_another(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text("{}")
    with pytest.raises(BackupError, match="already holds a backup"):
        backup(NOWHERE, tmp_path)
