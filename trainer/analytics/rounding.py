"""The one rounding rule for every figure a person reads: 四舍五入 (round half up) to one
decimal, after forgiving the last-bit noise of floating-point sums.

Scores are stored as floats (0–1) and summed by the database. PostgreSQL adds them one by one,
SQLite compensates the error (Kahan–Babuška–Neumaier), and summaries are folded in as answers
arrive, so the same true figure 63.25 comes back as 63.24999999999999 on one database and
63.25000000000001 on the other. Rounded naively they print 63.2 and 63.3. The noise of such a
sum is below 1e-10; a figure within ``TOLERANCE`` (one ten-millionth of the last printed digit,
so 1e-8 for one decimal) under a half therefore counts as the half, and the half rounds up.
True figures that close to a half without being one do not arise from the stored data (scores
with a few questions and small weights).

``rounded`` is used by the HR screen, every export, the PDF and the chart labels; the attempt
stream on SQLite computes the very same IEEE operations in SQL (``sql_rounded``), so answers
round alike on both databases. ``exact_mean`` sums with ``math.fsum``, which does not depend on
the order the rows arrive in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

DECIMALS = 1  # scores and percentages are shown to one decimal everywhere
TOLERANCE = 1e-7  # of one unit of the last printed digit
HALF = 0.5 + TOLERANCE  # added before cutting off: a half (or noise under it) rounds up


def rounded(value: float | None, decimals: int = DECIMALS) -> float | None:
    """``value`` rounded half up (四舍五入) to ``decimals`` places; None stays None.

    Negative figures round symmetrically (−0.25 → −0.3), though HR figures are never negative.
    """
    if value is None:
        return None
    number = float(value)
    if number < 0:
        return -(rounded(-number, decimals) or 0.0)
    scale = 10.0 ** decimals
    return math.floor(number * scale + HALF) / scale


def settled(value: float) -> float:
    """``value`` without the noise of float sums (to 8 decimals; the noise is below 1e-10), for
    comparisons with thresholds: 74.99999999999999 reaches a level whose minimum is 75."""
    return round(float(value), 8)


def shown(value: Any, decimals: int = DECIMALS) -> str:
    """A figure as printed: rounded by the rule above, then with exactly ``decimals`` places."""
    if value is None or value == "":
        return "–"
    return f"{rounded(float(value), decimals):.{decimals}f}"


def exact_mean(values: Iterable[float]) -> float | None:
    """The mean, summed exactly (``math.fsum``): the same whatever order the rows came in."""
    items = [float(v) for v in values]
    return math.fsum(items) / len(items) if items else None


def weighted_mean(pairs: Iterable[tuple[float, int]]) -> float:
    """Mean of group means weighted by their sizes, summed exactly; 0.0 for no one."""
    items = list(pairs)
    total = sum(size for _, size in items)
    return math.fsum(value * size for value, size in items) / total if total else 0.0


def sql_rounded(expression: Any, decimals: int = DECIMALS) -> Any:
    """``rounded`` as an SQL expression for a non-negative figure (the attempt stream on
    SQLite): the same multiplication, addition and truncation, so the same result."""
    from sqlalchemy import Integer, cast, literal

    scale = 10.0 ** decimals
    return cast(expression * literal(scale) + literal(HALF), Integer) / literal(scale)
