"""The one rounding rule: 四舍五入 to one decimal, deaf to the last-bit noise of float sums."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import Float, create_engine, literal, select

from trainer.analytics.rounding import exact_mean, rounded, shown, sql_rounded


@pytest.mark.parametrize(("value", "expected"), [
    (63.25, "63.3"), (63.24999999999999, "63.3"), (63.25000000000001, "63.3"),
    (0.25, "0.3"), (6.35, "6.4"), (28.499999999999996, "28.5"), (72.45, "72.5"),
    (63.2499, "63.2"), (0.04999, "0.0"), (100.0, "100.0"), (0.0, "0.0"),
])
def test_halves_round_up_whatever_noise_the_sum_left(value: float, expected: str) -> None:
    assert shown(value) == expected
    assert f"{rounded(value):.1f}" == expected


def test_python_would_print_them_differently() -> None:
    """Why the rule exists: Python's own rounding splits these pairs (half to even, binary)."""
    assert f"{63.24999999999999:.1f}" != f"{63.25000000000001:.1f}"
    assert shown(63.24999999999999) == shown(63.25000000000001)


def test_missing_figures_and_other_places() -> None:
    assert rounded(None) is None and shown(None) == "–"
    assert shown(0.125, 2) == "0.13" and shown(49.5, 0) == "50"


def test_exact_mean_does_not_depend_on_order() -> None:
    values = [0.1] * 10 + [1e16, -1e16]
    assert exact_mean(values) == exact_mean(reversed(values)) == pytest.approx(1.0 / 12)
    assert exact_mean([]) is None


def test_sqlite_rounds_answers_exactly_like_python() -> None:
    """The attempt stream rounds in SQLite; every score a grader can give agrees with Python."""
    engine = create_engine("sqlite://")
    scores = [k / n for n in range(1, 41) for k in range(n + 1)]
    scores += [random.Random(7).random() for _ in range(2000)]
    with engine.connect() as conn:
        for score in scores:
            in_sql = conn.execute(select(sql_rounded(literal(score, Float) * 100.0))).scalar()
            assert in_sql == rounded(score * 100.0), score
    engine.dispose()
