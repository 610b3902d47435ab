"""A minimal HTML page with the figures per team (the real dashboard comes later)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from services.reporting.report import TeamSummary

COLUMNS = (
    ("support_requests", "Meldingen"),
    ("cases_opened", "Cases"),
    ("decisions", "Decisions"),
    ("funds_refused", "Refused"),
    ("letters_issued", "Beschikkingen"),
    ("providers_assigned", "Providers"),
    ("care_started", "Care started"),
    ("debt_referrals", "Debt referrals"),
)


def euros(cents: int) -> str:
    """Integer cents as Dutch-notated euros, e.g. 123456 -> '€ 1.234,56'."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}€ {whole:,}".replace(",", ".") + f",{rest:02d}"


def render_page(teams: list[TeamSummary], as_of: datetime | None = None) -> str:
    moment = f"as of {escape(as_of.isoformat())}" if as_of else "all facts so far"
    head = "".join(f"<th>{label}</th>" for _, label in COLUMNS)
    rows = "\n".join(_row(team) for team in teams) or f'<tr><td colspan="{len(COLUMNS) + 3}">No facts yet.</td></tr>'
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Wijkteams: accountability</title></head>
<body>
<h1>Wijkteams: figures per team</h1>
<p>{moment}. JSON: <a href="/teams">/teams</a>, <a href="/summary">/summary</a>, <a href="/docs">API docs</a>.</p>
<table border="1" cellpadding="4">
<thead><tr><th>Team</th>{head}<th>Reserved</th><th>Budget remaining</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body></html>
"""


def _row(team: TeamSummary) -> str:
    cells = "".join(f"<td>{getattr(team, name)}</td>" for name, _ in COLUMNS)
    remaining = sum(line.remaining_cents for line in team.budget)
    return (
        f"<tr><td>{escape(team.team_id)}</td>{cells}"
        f"<td>{euros(team.funds_reserved_cents)}</td><td>{euros(remaining)}</td></tr>"
    )
