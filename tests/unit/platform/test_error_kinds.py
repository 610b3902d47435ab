"""Every error a service defines has exactly one kind, and none passes for a built-in one: the HTTP edge maps
kinds only (kernel/errors.py), so an error without one would answer 500, and one that is also a ValueError or a
LookupError could be mistaken for a library's."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import services
from kernel.errors import KINDS

pytestmark = pytest.mark.unit
NOT_DOMAIN_ERRORS = {
    "services.reporting.rebuild._RollBack",  # control flow inside one transaction, never raised out of it
    "services.reporting.pdf.ChromiumMissing",  # the printing tool is missing: an installation error
    "services.iwmo.xml.schemas.SchemasMissing",  # the official XSDs are missing: an installation error
    "services.intake.key_wrapping.KeyEncryptionKeyError",  # a key-encryption key that is missing or wrong: config
    "services.iwmo.domain.client.ClientRecordsUnavailable",  # intake cannot be reached now: an outage, retried
    "services.care.iwmo_exchange.MailboxUnreachable",  # the gemeente's gateway cannot be reached now: an outage
}
BUILT_IN = (ValueError, LookupError, PermissionError, OSError)


def defined_errors() -> list[type[BaseException]]:
    found = []
    for info in pkgutil.walk_packages(services.__path__, "services."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == module.__name__:
                found.append(value)
    return [e for e in found if f"{e.__module__}.{e.__qualname__}" not in NOT_DOMAIN_ERRORS]


def test_the_services_define_errors_to_check() -> None:
    assert len(defined_errors()) > 40


@pytest.mark.parametrize("error", defined_errors(), ids=lambda e: f"{e.__module__}.{e.__qualname__}")
def test_a_service_error_has_exactly_one_kind_and_is_no_built_in_one(error: type[BaseException]) -> None:
    assert [kind.__name__ for kind in KINDS if issubclass(error, kind)] in (["NotFound"], ["Conflict"], ["Refused"],
                                                                           ["Forbidden"])  # fmt: skip
    assert not issubclass(error, BUILT_IN)
