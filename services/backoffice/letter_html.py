"""The beschikking as a readable HTML document (the same elements as the plain text, escaped).

The award letter has its own layout (`render_letter_html`); the letters of the law cycle (refusal, withdrawal or
change, decision on bezwaar) are rendered from their plain text (`text_as_html`), so both say the same words."""

from __future__ import annotations

from html import escape

from services.backoffice.domain.decision import Decision
from services.backoffice.letter import letter_parts

STYLE = (
    "body{font-family:Georgia,serif;max-width:42rem;margin:2rem auto;line-height:1.5;color:#111}"
    "table{border-collapse:collapse}th{text-align:left;padding-right:1.5rem;font-weight:normal;color:#444}"
    "h1{font-size:1.4rem;letter-spacing:.1em}.signature{margin-top:2rem}"
)


def render_letter_html(decision: Decision) -> str:
    p = {key: escape(value) for key, value in letter_parts(decision).items()}
    rows = [
        ("Voorziening", p["provision"]),
        ("Bedrag", p["amount"]),
        *([("Omvang", p["extent"])] if p["extent"] else []),
        ("Periode", p["period"]),
    ]
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    basis = f"<p>{p['legal_basis']}</p>" if p["legal_basis"] else ""
    basis += f"<p>{p['partial']}</p>" if p["partial"] else ""
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        f"<title>Beschikking {p['reference']}</title><style>{STYLE}</style></head><body>"
        f"<header><p>Gemeente {p['municipality']}</p><h1>BESCHIKKING</h1>"
        f"<p>Kenmerk: {p['reference']}<br>Datum besluit: {p['decision_date']}<br>"
        f"Verzenddatum: {p['dispatch_date']}</p></header>"
        f"<main><p><strong>Onderwerp:</strong> {p['subject']}</p><p>{p['decision']}</p>"
        f"<table>{table}</table>{basis}"
        f'<div class="signature"><p>{p["on_behalf"]}</p><p>{p["mandate_holder"]}<br>'
        "<small>gemandateerd medewerker (artikel 10:10 Algemene wet bestuursrecht)</small></p></div>"
        f"<section><h2>Bezwaar</h2><p>{p['objection']}</p></section></main></body></html>\n"
    )


HEADINGS = frozenset({"Motivering", "Reden", "Bezwaar", "Beroep"})


def text_as_html(text: str) -> str:
    """A plain-text letter as HTML: its header, its title, then each paragraph; a paragraph that opens with a
    heading (Motivering, Reden, Bezwaar, Beroep) gets it as a heading. Everything escaped."""
    paragraphs = [p.split("\n") for p in text.strip("\n").split("\n\n")]
    municipality, title, *rest = paragraphs
    body = "".join(_paragraph(lines) for lines in rest)
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        f"<title>{escape(title[0].title())}</title><style>{STYLE}</style></head><body>"
        f"<header><p>{escape(municipality[0])}</p><h1>{escape(title[0])}</h1></header>"
        f"<main>{body}</main></body></html>\n"
    )


def _paragraph(lines: list[str]) -> str:
    if lines[0] in HEADINGS:
        return f"<section><h2>{escape(lines[0])}</h2>{_paragraph(lines[1:]) if lines[1:] else ''}</section>"
    if all(":  " in line for line in lines):  # the reference block: Kenmerk, Datum besluit, Verzenddatum
        cells = (line.split(":", 1) for line in lines)
        rows = "".join(f"<tr><th>{escape(key)}</th><td>{escape(value.strip())}</td></tr>" for key, value in cells)
        return f"<table>{rows}</table>"
    return f"<p>{escape(' '.join(line.strip() for line in lines))}</p>"
