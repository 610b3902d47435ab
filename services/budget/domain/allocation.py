"""Population-based allocation (populatiebekostiging): a line's total shared over teams by their population.

The formula, for one budget line of one year:

    score(team)  = sum over indicators i of  weight(line, i) * indicator(team, i)
    share(team)  = score(team) / sum of all scores
    amount(team) = total_cents * share(team), apportioned in whole cents by the largest-remainder method

An indicator is a number from the team's district profile (residents per age band, residents on a low income,
single-parent households, ...); the weights say how much one unit of it counts for this line (for youth, residents
aged 0-17 weigh most; for Wmo, residents of 75 and over). Arithmetic is exact (`Fraction`), so the result does not
depend on float rounding. Largest remainder (Hamilton): every team first gets the whole cents below its exact
amount; the cents left over go one each to the teams with the largest fractional remainders, ties to the team id
that sorts first. The parts therefore always sum exactly to the total, and no part differs from its exact amount
by a cent or more.

Source: the Zaanstad model of population-based funding and a reserve for uncertainty (DOMAIN.md, source 003);
the weights themselves are the municipality's policy, set in `config/<municipality>/funding.json`.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

Number = int | Fraction


def largest_remainder(total_cents: int, weights: Mapping[str, Number]) -> dict[str, int]:
    """Split `total_cents` over the keys in proportion to their weights; the parts sum exactly to the total."""
    if total_cents < 0:
        raise ValueError(f"a total to allocate is never negative, got {total_cents} cents")
    if any(w < 0 for w in weights.values()):
        raise ValueError("a weight is never negative")
    whole = sum((Fraction(w) for w in weights.values()), Fraction(0))
    if whole == 0:
        raise ValueError("the weights sum to zero: nothing to share the total by")
    exact = {key: Fraction(total_cents) * Fraction(w) / whole for key, w in weights.items()}
    parts = {key: int(amount) for key, amount in exact.items()}  # floor: amounts are never negative
    left_over = total_cents - sum(parts.values())
    by_remainder = sorted(exact, key=lambda key: (-(exact[key] - parts[key]), key))
    for key in by_remainder[:left_over]:
        parts[key] += 1
    return parts


def population_score(indicators: Mapping[str, Number], weights: Mapping[str, Number]) -> Fraction:
    """A team's score for one line: the weighted sum of its district indicators (unknown indicators refused)."""
    unknown = sorted(set(weights) - set(indicators))
    if unknown:
        raise ValueError(f"weights name indicators the profile lacks: {', '.join(unknown)}")
    return sum((Fraction(w) * Fraction(indicators[name]) for name, w in weights.items()), Fraction(0))


def population_allocation(
    total_cents: int, profiles: Mapping[str, Mapping[str, Number]], weights: Mapping[str, Number]
) -> dict[str, int]:
    """Each team's part of `total_cents`, by the weighted population of its district(s)."""
    scores = {team: population_score(indicators, weights) for team, indicators in profiles.items()}
    return largest_remainder(total_cents, scores)
