"""Date-limited HR figures from the per-day summaries equal a scan of every answer in range.

A realistic organisation (the demo: 90-minute-grained study over weeks, finals retaken on a
later day), a second machine's progress merged in by bundle, and the computer in Beijing
(UTC+8), so every range of local days starts and ends in the middle of a UTC day: its edges
come from the answers, the days between from ``summary_days``. SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from trainer.analytics import periods, summaries
from trainer.analytics.assessment import final_assessment
from trainer.analytics.cohort import cohort_competency, cohort_completion, learner_table
from trainer.analytics.filters import CohortFilter
from trainer.config import Paths
from trainer.exchange.bundles import export_bundle, import_bundle
from trainer.reports.attempts import count_attempts
from trainer.reports.demo import builtin_pack, fill_demo
from trainer.store.db import Database, open_database
from trainer.store.models import Attempt, Learner, SummarySitting
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_attempt

HERE_END = datetime(2026, 3, 31, 12, tzinfo=UTC)
THERE_END = datetime(2026, 3, 25, 7, tzinfo=UTC)


@pytest.fixture
def beijing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def organisation(db: Database, tmp_path: Path, beijing: None) -> Database:
    """HR's database with its own demo study and a second machine's merged in."""
    fill_demo(db, learners=24, days=30, seed=5, until=HERE_END)
    with open_database(Paths(tmp_path / "other").ensure(), backup=False) as other:
        fill_demo(other, learners=12, days=20, seed=11, until=THERE_END)
        bundle = tmp_path / "other.trainer-progress.zip"
        export_bundle(other, bundle, actor=COMMAND_LINE)
    import_bundle(db, bundle, actor=COMMAND_LINE, trust_new_device=True)
    retake_the_final(db)
    return db


def retake_the_final(db: Database) -> None:
    """A learner fails the final late on 17 March UTC (the 18th in Beijing) and passes it on
    the 24th: both sittings fall in partial days at the edges of a range."""
    pack = builtin_pack()
    final = final_assessment(pack)
    assert final is not None
    with db.reader() as session:
        who = session.execute(select(Learner.id).where(Learner.role == "learner")
                              .order_by(Learner.id).limit(1)).scalar_one()
    for start, score in ((datetime(2026, 3, 17, 20, 30, tzinfo=UTC), 0.0),
                         (datetime(2026, 3, 24, 10, 0, tzinfo=UTC), 1.0)):
        for exercise in final.exercises:
            record_attempt(db, who, pack.id, pack.version, exercise.id, {}, score,
                           dict(exercise.weights), start)
    # early risers in Beijing: before 08:00 there, still the previous UTC day
    practice = next(e for m in pack.modules if m.id != final.id for e in m.exercises)
    for start, score in ((datetime(2026, 3, 11, 23, 0, tzinfo=UTC), 1.0),
                         (datetime(2026, 3, 14, 22, 0, tzinfo=UTC), 0.5),
                         (datetime(2026, 3, 14, 22, 5, tzinfo=UTC), None)):
        record_attempt(db, who + 1, pack.id, pack.version, practice.id, {}, score,
                       dict(practice.weights), start)


FILTERS = [
    CohortFilter(since=date(2026, 3, 15)),
    CohortFilter(until=date(2026, 3, 20)),
    CohortFilter(since=date(2026, 3, 12), until=date(2026, 3, 24)),
    CohortFilter(since=date(2026, 3, 18), until=date(2026, 3, 18)),  # one local day
    CohortFilter(since=date(2026, 3, 1), until=date(2026, 3, 31)),  # around every answer
]


def plain(rows: list[Any]) -> list[Any]:
    """Rows as tuples with floats rounded (the two paths sum in different orders)."""
    def value(v: Any) -> Any:
        if isinstance(v, float):
            return round(v, 6)
        if isinstance(v, dict):
            return {k: value(x) for k, x in v.items()}
        return v
    return [tuple(value(v) for v in dataclasses.astuple(r)) for r in rows]


def figures(db: Database, flt: CohortFilter) -> dict[str, Any]:
    pack = builtin_pack()
    department = CohortFilter(department="临江市数据资源局", since=flt.since, until=flt.until)
    return {
        "competency by department": plain(cohort_competency(db, [pack], filters=flt)),
        "competency by role": plain(cohort_competency(db, [pack], by="role", filters=flt)),
        "competency, one department": plain(
            cohort_competency(db, [pack], by="all", filters=department)),
        "completion": plain(cohort_completion(db, [pack], filters=flt)),
        "completion all": plain(cohort_completion(db, [pack], by="all", filters=flt)),
        "learner table": plain(learner_table(db, [pack], flt)),
        "answers": count_attempts(db, [pack], flt),
    }


def edge_answers(db: Database, flt: CohortFilter) -> int:
    with db.reader() as session:
        return sum(session.execute(select(func.count()).select_from(Attempt).where(
            *periods._edge_conditions(edge))).scalar_one() for edge in periods.span(flt).edges)


def test_date_limited_figures_equal_a_scan_of_the_answers(
        organisation: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    db = organisation
    with db.reader() as session:
        retaken = session.execute(select(func.count()).select_from(
            select(SummarySitting.learner_id).group_by(SummarySitting.learner_id)
            .having(func.count() > 1).subquery())).scalar_one()
    assert retaken, "the data has a final taken twice"
    assert all(edge_answers(db, flt) for flt in FILTERS[:4]), "answers in the partial days"
    from_summaries = {flt: figures(db, flt) for flt in FILTERS}
    assert all(f["competency by department"] and f["learner table"]
               for f in from_summaries.values())
    monkeypatch.setattr(summaries, "usable", lambda *_: False)
    for flt in FILTERS:
        assert figures(db, flt) == from_summaries[flt], flt


def test_a_range_splits_into_whole_utc_days_and_two_partial_ones(beijing: None) -> None:
    part = periods.span(CohortFilter(since=date(2026, 3, 12), until=date(2026, 3, 24)))
    assert (part.first, part.last) == (date(2026, 3, 12), date(2026, 3, 23))
    assert part.edges == ((datetime(2026, 3, 11, 16, tzinfo=UTC),
                           datetime(2026, 3, 12, tzinfo=UTC)),
                          (datetime(2026, 3, 24, tzinfo=UTC),
                           datetime(2026, 3, 24, 16, tzinfo=UTC)))
    one = periods.span(CohortFilter(since=date(2026, 3, 18), until=date(2026, 3, 18)))
    assert not one.days and one.edges == ((datetime(2026, 3, 17, 16, tzinfo=UTC),
                                           datetime(2026, 3, 18, 16, tzinfo=UTC)),)


def test_a_utc_computer_reads_whole_days_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        part = periods.span(CohortFilter(since=date(2026, 3, 12), until=date(2026, 3, 24)))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert (part.first, part.last, part.edges) == (date(2026, 3, 12), date(2026, 3, 24), ())
