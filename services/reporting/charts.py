"""Small inline SVG charts for the report and the dashboard: no dependency, no script, labels escaped.

`bars` draws horizontal bars with their values; `spending` draws the money spent so far per month against the
budget (allocated plus reserve draws) as a horizontal line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

WIDTH, BAR, GAP, LABEL = 640, 22, 8, 210
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def bars(title: str, items: Sequence[tuple[str, float]], shown: Callable[[float], str] = lambda v: f"{v:g}") -> str:
    """One horizontal bar per (label, value), scaled to the largest value."""
    if not items:
        return _empty(title)
    top = max((value for _, value in items), default=0) or 1
    height = 30 + len(items) * (BAR + GAP)
    rows = []
    for n, (label, value) in enumerate(items):
        y = 30 + n * (BAR + GAP)
        length = max(0.0, (WIDTH - LABEL - 90) * value / top)
        rows.append(
            f'<text x="{LABEL - 6}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL}" y="{y}" width="{length:.1f}" height="{BAR}" fill="#1f6f8b"/>'
            f'<text x="{LABEL + length + 6:.1f}" y="{y + 16}">{escape(shown(value))}</text>'
        )
    return _svg(title, height, "".join(rows))


def spending(title: str, cumulative_cents: Sequence[int], budget_cents: int) -> str:
    """Cumulative spending per month (12 values) as a line, the budget as a dashed line; euros on the axis."""
    left, top, plot_w, plot_h = 70, 30, WIDTH - 100, 200
    ceiling = max([budget_cents, *cumulative_cents, 1])

    def y(cents: int) -> float:
        return top + plot_h - plot_h * cents / ceiling

    xs = [left + plot_w * m / 11 for m in range(12)]
    line = " ".join(f"{x:.1f},{y(c):.1f}" for x, c in zip(xs, cumulative_cents, strict=True))
    months = "".join(
        f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{m}</text>'
        for x, m in zip(xs, MONTHS, strict=True)
    )
    body = (
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#444"/>'
        f'<line x1="{left}" y1="{y(budget_cents):.1f}" x2="{left + plot_w}" y2="{y(budget_cents):.1f}" '
        f'stroke="#b5452b" stroke-dasharray="6 4"/>'
        f'<text x="{left + plot_w}" y="{y(budget_cents) - 4:.1f}" text-anchor="end">'
        f"budget {euro_k(budget_cents)}</text>"
        f'<polyline points="{line}" fill="none" stroke="#1f6f8b" stroke-width="2.5"/>'
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>{months}'
        f'<text x="{xs[-1]:.1f}" y="{y(cumulative_cents[-1]) - 6:.1f}" text-anchor="end">'
        f"besteed {euro_k(cumulative_cents[-1])}</text>"
    )
    return _svg(title, top + plot_h + 30, body)


def euro_k(cents: int) -> str:
    """Cents as whole euros with Dutch thousands dots: 123456700 -> '€ 1.234.567'."""
    return f"€ {round(cents / 100):,}".replace(",", ".")


def _empty(title: str) -> str:
    return _svg(title, 50, '<text x="10" y="40">Geen gegevens in deze periode.</text>')


def _svg(title: str, height: int, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" font-family="sans-serif" font-size="12"><title>{escape(title)}</title>'
        f'<text x="0" y="16" font-weight="bold" font-size="14">{escape(title)}</text>{body}</svg>'
    )
