"""The official iWmo 3.2 XSDs, read where the project expects them (`../shared/iwmo-xsd`), never copied."""

from __future__ import annotations

import pytest

from services.iwmo.settings import default_xsd_dir
from services.iwmo.xml.schemas import Schemas


@pytest.fixture(scope="session")
def schemas() -> Schemas:
    found = Schemas(default_xsd_dir())
    found.check_folder()  # no skip: without the official schemas these tests cannot prove anything
    return found
