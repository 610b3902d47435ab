"""The accountability report as CSV: one figure per row (section, team, item, figure, value), the same numbers
as the JSON API and the HTML tables. Money in euro cents, shares as fractions, days as decimals."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from services.reporting.sections import Accountability

HEADER = ("section", "team_id", "item", "figure", "value")
Row = tuple[str, str, str, str, Any]


def rows(r: Accountability) -> Iterator[Row]:
    for name, value in r.summary.model_dump(exclude={"as_of", "budget"}).items():
        yield ("summary", "", "", name, value)
    for line in r.budget.lines:
        item = f"{line.year}/{line.budget_line}"
        for figure in ("allocated_cents", "reserve_draws_cents", "reserved_open_cents", "spent_cents",
                       "released_cents", "remaining_cents"):  # fmt: skip
            yield ("budget", line.team_id, item, figure, getattr(line, figure))
    for p in r.decisions.by_provision:
        yield from _figures(
            "decisions_by_provision", "", p.provision_code, p, ("decisions", "amount_cents", "escalated")
        )
    for x in r.decisions.by_mandate:
        by_mandate = ("decisions", "deciders", "amount_cents", "escalated")
        yield from _figures("decisions_by_mandate", x.team_id, x.mandate_ref or "-", x, by_mandate)
    for d in r.decisions.deviations:
        item = f"{d.provision_code}/{d.rule_ref}"
        yield from _figures(
            "deviations", d.team_id, item, d, ("deviations", "approved_on_escalation", "largest_departure")
        )
    for s in r.terms.summaries:
        figures = ("started", "on_time", "late", "missed", "running", "share_on_time", "median_days")
        yield from _figures("terms", "", s.clock, s, figures)
    for t in [*r.debt.teams, r.debt.total]:
        yield from _figures(
            "debt", t.team_id, "", t, ("cases", "with_debts", "share_with_debts", "median_days_to_found")
        )
    for c in r.client_support:
        support = ("cases", "offered", "share_offered", "volunteer", "professional", "declined")
        yield from _figures("client_support", c.team_id, "", c, support)
    for g in r.signals.received:
        yield ("signals", "", f"{g.partner_type}/{g.district}/{g.kind}", "received", g.received)
    for partner_type, count in r.signals.rejected.items():
        yield ("signals_rejected", "", partner_type, "rejected", count)
    for f in r.feedback:
        yield from _figures("feedback", f.team_id, f.provider_id, f, ("feedback", "plan_fits", "share_fits"))
    for a in [*r.satisfaction.teams, r.satisfaction.total]:
        yield from _figures("satisfaction", a.team_id, "", a, ("answers", "average", "share_satisfied"))
    yield from cycle_rows(r)


def cycle_rows(r: Accountability) -> Iterator[Row]:
    """The law cycle (issue 17): terms met per team, refusals, bezwaren per outcome, dwangsommen."""
    c = r.cycle
    for t in c.team_terms:
        yield from _figures("terms_per_team", t.team_id, t.clock, t, ("started", "on_time", "late", "missed",
                                                                      "running", "share_on_time"))  # fmt: skip
    for f in c.refusals:
        yield ("refusals", f.team_id, f"{f.provision_code}/{f.legal_ground}", "refusals", f.refusals)
    for o in c.objections:
        item = f"{o.provision_code}/{o.contested_kind}/{o.outcome}"
        yield from _figures("objections", o.team_id, item, o, ("objections", "decided_in_time"))
    for outcome, count in c.objections_per_outcome.items():
        yield ("objections_per_outcome", "", outcome, "objections", count)
    for p in c.penalties:
        figures = ("notices", "penalties", "days", "amount_cents", "determined_late")
        yield from _figures("penalties", p.team_id, "", p, figures)


def _figures(section: str, team: str, item: str, model: Any, names: tuple[str, ...]) -> Iterator[Row]:
    for name in names:
        yield (section, team, item, name, getattr(model, name))


def to_csv(report: Accountability) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(("" if v is None else v for v in row) for row in rows(report))
    return out.getvalue()
