"""HTML tables and Dutch number formats for the yearly report (and its CSV twin): every value escaped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from services.reporting.page import euros


def percent(share: float | None) -> str:
    """0.875 -> '87,5%'; None -> '-' (nothing to divide by)."""
    return "-" if share is None else f"{share * 100:.1f}%".replace(".", ",")


def number(value: float | None) -> str:
    """Dutch decimal comma: 20.5 -> '20,5'; whole numbers with thousands dots: 12345 -> '12.345'."""
    if value is None:
        return "-"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def money(cents: int) -> str:
    return euros(cents)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], numeric_from: int = 1) -> str:
    """A table; columns from `numeric_from` on are right-aligned figures."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="num">{escape(str(v))}</td>' if n >= numeric_from else f"<td>{escape(str(v))}</td>"
            for n, v in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(headers)}">Geen gegevens in deze periode.</td></tr>')
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
