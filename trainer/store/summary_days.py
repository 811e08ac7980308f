"""Per-day summaries (``summary_days``): the best result, answers and latest start per learner,
pack, exercise and UTC day, so a date-limited HR figure reads days instead of every answer.

Days are UTC days: a learner's answers keep their day whatever zone the computer reading them is
in. A range of local days (HR's filters) covers whole UTC days plus at most two partial ones at
its edges, which the analytics read from the answers (``trainer.analytics.periods``). Kept in
step by ``trainer.store.summary`` (same transaction as every answer, bundle merge and rebuild).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, case, cast, func, select

from trainer.store.models import Attempt, SummaryDay
from trainer.store.types import as_utc


def utc_day(moment: datetime) -> date:
    """The UTC calendar day of a moment (naive moments are UTC already, as stored)."""
    return as_utc(moment).date()


def utc_day_sql(column: Any, dialect: str) -> Any:
    """SQL: the UTC day of a stored timestamp (SQLite keeps naive UTC text; PostgreSQL a
    ``timestamptz``, whose plain ``date()`` would use the session's zone)."""
    if dialect == "sqlite":
        return func.date(column, type_=Date)
    return cast(func.timezone("UTC", column), Date)


def day_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """New answers (attempt column dicts) folded to one row per learner, pack, exercise, day."""
    found: dict[tuple[int, str, str, date], dict[str, Any]] = {}
    for row in rows:
        moment = as_utc(row["started_at"])
        key = (row["learner_id"], row["pack_id"], row["exercise_id"], moment.date())
        entry = found.get(key)
        if entry is None:
            found[key] = {"learner_id": key[0], "pack_id": key[1], "exercise_id": key[2],
                          "day": key[3], "best": row["score"], "answers": 1,
                          "last_answer_at": moment}
            continue
        entry["answers"] += 1
        entry["last_answer_at"] = max(entry["last_answer_at"], moment)
        if row["score"] is not None and (entry["best"] is None or row["score"] > entry["best"]):
            entry["best"] = row["score"]
    return list(found.values())


def larger_or_known(old: Any, new: Any) -> Any:
    """Upsert merge: the larger of two results where NULL means none yet."""
    return case((old.is_(None), new), (new > old, new), else_=old)


def source(where: list[Any], dialect: str) -> Any:
    """The rows of ``summary_days`` rebuilt from the attempts ``where`` keeps."""
    day = utc_day_sql(Attempt.started_at, dialect)
    return (select(Attempt.learner_id, Attempt.pack_id, Attempt.exercise_id,
                   day.label("day"), func.max(Attempt.score).label("best"),
                   func.count().label("answers"),
                   func.max(Attempt.started_at).label("last_answer_at"))
            .where(*where)
            .group_by(Attempt.learner_id, Attempt.pack_id, Attempt.exercise_id, day))


def differing(session: Any, dialect: str) -> int:
    """How many rows differ between ``summary_days`` and a rebuild, counted by the database
    (one row per answer-day: too many to compare in Python at an organisation's size)."""
    stored = select(SummaryDay.learner_id, SummaryDay.pack_id, SummaryDay.exercise_id,
                    SummaryDay.day, SummaryDay.best, SummaryDay.answers,
                    SummaryDay.last_answer_at)
    expected = source([], dialect)
    total = 0
    for one, other in ((stored, expected), (expected, stored)):
        extra = one.except_(other).subquery()
        total += session.execute(select(func.count()).select_from(extra)).scalar_one()
    return int(total)


MODEL = SummaryDay
