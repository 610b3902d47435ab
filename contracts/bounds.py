"""The bounds every published fact keeps: no field is unbounded (issue 18).

A consumer may store any fact that validates without overflowing a column or a sum: reporting keeps money in
`numeric`, but a bigint column holds every amount below, and no string grows past a few kilobytes. The JSON Schemas
show the bounds (dates as `formatMinimum`/`formatMaximum`), so partners see them too. The services' request models
are at least this strict, so that nothing a service accepts can fail to translate into its fact.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, Field

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
MAX_AMOUNT_CENTS = 1_000_000_000
"""EUR 10 million: the most one decision, reservation, payment, declaration or reserve draw may be."""
MAX_TOTAL_CENTS = 1_000_000_000_000
"""EUR 10 billion: the most a budget line, a year's close or a municipality's total may be."""
MAX_VOLUME = 1_000_000
"""The most units (hours, days, euros ...) one assignment or declaration may carry."""
REFUSED_CHARACTERS = r"\x00-\x08\x0B\x0C\x0E-\x1F\x7F\u200E\u200F\u202A-\u202E\u2066-\u2069"
PLAIN = rf"^[^{REFUSED_CHARACTERS}]*$"
"""Text without NUL, other control characters (tab and line breaks are fine) or bidirectional controls: a
right-to-left override can make a name or a reason read differently from what it is."""
PLAIN_NOT_BLANK = rf"^[^{REFUSED_CHARACTERS}]*[^\s{REFUSED_CHARACTERS}][^{REFUSED_CHARACTERS}]*$"
"""PLAIN, with at least one character that is not white space."""

Cents = Annotated[int, Field(ge=0, le=MAX_AMOUNT_CENTS)]
"""One amount of money in euro cents."""
TotalCents = Annotated[int, Field(ge=0, le=MAX_TOTAL_CENTS)]
"""A total of money in euro cents (a budget line, a year)."""
Volume = Annotated[int, Field(ge=1, le=MAX_VOLUME)]
Day = Annotated[
    date,
    Field(
        ge=FIRST_DAY,
        le=LAST_DAY,
        json_schema_extra={"formatMinimum": FIRST_DAY.isoformat(), "formatMaximum": LAST_DAY.isoformat()},
    ),
]
"""A day the law or the books count, within the platform's plausible window."""
Year = Annotated[int, Field(ge=FIRST_DAY.year, le=LAST_DAY.year)]


def _plausible_moment(moment: datetime) -> datetime:
    if not FIRST_DAY <= moment.date() <= LAST_DAY:
        raise ValueError(f"a moment from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()} is expected")
    return moment


Moment = Annotated[
    datetime,
    AfterValidator(_plausible_moment),
    Field(
        json_schema_extra={
            "formatMinimum": f"{FIRST_DAY.isoformat()}T00:00:00Z",
            "formatMaximum": f"{LAST_DAY.isoformat()}T23:59:59Z",
        }
    ),
]
"""A moment (with or without a time zone) within the platform's plausible window."""
Code = Annotated[str, Field(max_length=100, pattern=PLAIN)]
"""An identifier or code: a team, provider, partner, provision, rule, district, clock."""
Who = Annotated[str, Field(max_length=200, pattern=PLAIN)]
"""Who acted: a professional's or mandate holder's identifier."""
Text = Annotated[str, Field(max_length=2000, pattern=PLAIN)]
"""Free text: a reason, a justification, a goal, a remark."""
Motivation = Annotated[str, Field(max_length=10_000, pattern=PLAIN)]
"""The motivation of a beschikking (Awb 3:46): the reasons a professional records for a refusal or partial award."""
Reference = Annotated[str, Field(max_length=200, pattern=PLAIN)]
"""A reference: a legal basis, a CloudEvents source, a topic."""
Measure = Annotated[int, Field(ge=0, le=MAX_AMOUNT_CENTS)]
"""A rule's limit or an actual value it is compared with: an age, a number of days, an amount in cents."""
