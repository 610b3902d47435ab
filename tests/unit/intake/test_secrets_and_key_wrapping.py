"""No default secret, and household keys wrapped by a key-encryption key (issue 18, #5)."""

from __future__ import annotations

import base64

import pytest

from services.intake.key_wrapping import KeyEncryptionKeyError, LocalKeyEncryptionKey, local_kek, new_kek
from services.intake.sealing import new_key
from services.intake.settings import IntakeSettings
from wijk.settings import SettingsError, load_settings

pytestmark = pytest.mark.unit
GOOD = {"blind_index_secret": "s" * 48, "key_encryption_key": new_kek()}


def test_intake_refuses_to_start_without_a_blind_index_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIJK_INTAKE_BLIND_INDEX_SECRET", raising=False)
    with pytest.raises(SettingsError, match="WIJK_INTAKE_BLIND_INDEX_SECRET: Field required"):
        load_settings(IntakeSettings, key_encryption_key=new_kek())


@pytest.mark.parametrize("secret", ["dev-only-blind-index-secret-change-me", "change-me-too", "too-short"])
def test_intake_refuses_a_known_or_weak_secret(secret: str) -> None:
    with pytest.raises(SettingsError, match="WIJK_INTAKE_BLIND_INDEX_SECRET"):
        load_settings(IntakeSettings, **{**GOOD, "blind_index_secret": secret})


def test_intake_refuses_to_start_without_a_key_encryption_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIJK_INTAKE_KEY_ENCRYPTION_KEY", raising=False)
    monkeypatch.delenv("WIJK_INTAKE_KEY_ENCRYPTION_KEY_FILE", raising=False)
    with pytest.raises(SettingsError, match="key_encryption_key"):
        load_settings(IntakeSettings, blind_index_secret="s" * 48)


def test_a_wrapped_key_is_not_the_key_and_unwraps_only_with_its_kek() -> None:
    kek, other = local_kek(new_kek()), local_kek(new_kek())
    key = new_key()
    wrapped = kek.wrap(key)
    assert wrapped != key and key not in wrapped and len(wrapped) == 40  # RFC 3394: 8 bytes more than the key
    assert kek.unwrap(wrapped) == key
    with pytest.raises(KeyEncryptionKeyError, match="not wrapped by"):
        other.unwrap(wrapped)
    assert kek.key_id != other.key_id and kek.key_id == local_kek(base64.b64encode(kek._kek).decode()).key_id


def test_the_kek_can_come_from_a_file_and_must_be_256_bits(tmp_path) -> None:  # type: ignore[no-untyped-def]
    value = new_kek()
    (tmp_path / "kek").write_text(value + "\n")
    assert local_kek(file=str(tmp_path / "kek")).key_id == local_kek(value).key_id
    with pytest.raises(KeyEncryptionKeyError, match="32 bytes"):
        LocalKeyEncryptionKey(b"short")
    with pytest.raises(KeyEncryptionKeyError, match="base64"):
        local_kek("not base64!")
    with pytest.raises(KeyEncryptionKeyError, match="cannot read"):
        local_kek(file=str(tmp_path / "missing"))
