"""HTML to PDF with headless Chromium (Debian package `chromium`): the report prints as the browser shows it."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    "--disable-dev-shm-usage",
)


class ChromiumMissing(RuntimeError):
    """No Chromium to print with: install the Debian package `chromium`."""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise ChromiumMissing("chromium is not installed (apt-get install -y chromium)")
    return found


def html_to_pdf(html_file: Path, pdf_file: Path, timeout: float = 120) -> Path:
    """Print `html_file` to `pdf_file`; raises when Chromium fails or writes no PDF."""
    with tempfile.TemporaryDirectory(prefix="wijk-chromium-") as profile:
        command = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_file}"]
        done = subprocess.run(
            [*command, html_file.resolve().as_uri()], capture_output=True, timeout=timeout, check=False
        )
    if done.returncode != 0 or not pdf_file.exists() or not pdf_file.read_bytes().startswith(b"%PDF"):
        raise RuntimeError(f"chromium could not print {html_file}: {done.stderr.decode(errors='replace')[-500:]}")
    return pdf_file


def page_count(pdf: bytes) -> int:
    """Pages of a PDF as Chromium writes it (each page object is `/Type /Page`)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
