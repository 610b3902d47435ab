"""How a service authenticates to Kafka: nothing on the embedded broker, SCRAM-SHA-512 as its own principal in
compose, and a clear refusal when SASL is asked for without a principal or password."""

from __future__ import annotations

from pathlib import Path

import pytest
from faststream.security import SASLScram512

from wijk.kafka_security import broker_security, client_options
from wijk.settings import PlatformSettings, SettingsError

pytestmark = pytest.mark.unit


def test_plaintext_needs_nothing() -> None:
    settings = PlatformSettings(kafka_security_protocol="PLAINTEXT")
    assert client_options(settings) == {} and broker_security(settings) is None


def test_sasl_authenticates_as_the_services_own_principal(tmp_path: Path) -> None:
    secret = tmp_path / "planning"
    secret.write_text("s3cret-from-a-file\n", encoding="utf-8")
    settings = PlatformSettings(kafka_security_protocol="SASL_SSL", kafka_username="planning",
                                kafka_password_file=str(secret))  # fmt: skip
    options = client_options(settings)
    assert (options["security_protocol"], options["sasl_mechanism"]) == ("SASL_SSL", "SCRAM-SHA-512")
    assert (options["sasl_plain_username"], options["sasl_plain_password"]) == ("planning", "s3cret-from-a-file")
    assert "ssl_context" in options
    assert isinstance(broker_security(settings), SASLScram512)


@pytest.mark.parametrize("problem", ["no user", "no file", "empty file"])
def test_sasl_without_a_principal_or_password_is_refused(tmp_path: Path, problem: str) -> None:
    empty = tmp_path / "empty"
    empty.write_text("", encoding="utf-8")
    user = "" if problem == "no user" else "planning"
    path = {"no user": str(empty), "no file": str(tmp_path / "missing"), "empty file": str(empty)}[problem]
    settings = PlatformSettings(kafka_security_protocol="SASL_PLAINTEXT", kafka_username=user,
                                kafka_password_file=path)  # fmt: skip
    with pytest.raises(SettingsError, match="WIJK_KAFKA"):
        client_options(settings)
