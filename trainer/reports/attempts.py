"""Raw answers for the reports, streamed from the database in batches (never a full list).

Filtered like every other figure (``ReportData.filters``: the learners kept, the courses, the
days). On SQLite the database converts scores and moments in C (``round``, ``substr``,
``julianday``); done per row in Python they would cost more than the query itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, cast, func, select

from trainer.analytics import sql, summaries
from trainer.analytics.filters import CohortFilter, time_window
from trainer.analytics.rounding import rounded, sql_rounded
from trainer.content.model import Pack
from trainer.localtime import local
from trainer.store.models import Attempt, Learner

if TYPE_CHECKING:
    from trainer.reports.data import ReportData

BATCH = 5000


def attempt_order(sqlite: bool) -> tuple[Any, ...]:
    """Learner by learner (employee number, unique, compared byte by byte: PostgreSQL's
    language-aware collation would sort ``E-2`` and Chinese differently from SQLite), each
    one's answers in time order; answers of one moment (a sitting's questions) in the order
    they were stored, the id breaking any tie left. Explicit, so every database lists the same
    rows in the same order."""
    number = Learner.employee_no if sqlite else Learner.employee_no.collate("C")
    return (number, Attempt.started_at, Attempt.recorded_at, Attempt.id)


def _attempt_query(packs: Sequence[Pack], flt: CohortFilter, columns: Sequence[Any]) -> Any:
    kept = sql.filtered_learners(flt)
    return (select(*columns)
            .select_from(Attempt)
            .join(kept, kept.c.learner_id == Attempt.learner_id)
            .where(Attempt.pack_id.in_([p.id for p in packs]),
                   *time_window(Attempt.started_at, flt)))


def count_attempts(db: Any, packs: Sequence[Pack], flt: CohortFilter) -> int:
    """How many answers the filter keeps (pending ones included)."""
    if not packs:
        return 0
    if summaries.usable(db, packs, flt):  # per-learner and per-day counts, not every answer
        query = summaries.answer_count([p.id for p in packs], flt, sql.filtered_learners(flt))
    else:
        query = _attempt_query(packs, flt, [func.count()])
    with db.reader() as session:
        return int(session.execute(query).scalar_one())


@dataclass(frozen=True)
class AttemptRow:
    """What ``iter_attempts`` yields, as a plain tuple in this order (documentation only)."""

    employee_no: str
    name: str
    pack_id: str
    exercise_id: str
    score: float | None  # 0–100, rounded; None while a trainer has not marked it
    started_at: str  # "YYYY-MM-DD HH:MM:SS", local time (or an Excel date number)
    finished_at: str | None


def iter_attempts(db: Any, data: ReportData, *, limit: int | None = None,
                  batch: int = BATCH) -> Iterator[tuple[Any, ...]]:
    """Raw answers learner by learner (see ``AttemptRow``), one at a time."""
    for part in attempt_batches(db, data, limit=limit, batch=batch):
        yield from part


def attempt_batches(db: Any, data: ReportData, *, limit: int | None = None,
                    batch: int = BATCH, excel: bool = False) -> Iterator[Sequence[Any]]:
    """Raw answers in lists of up to ``batch`` rows, streamed from the database.

    Moments are local-time text, or Excel date numbers with ``excel`` (the column headers name
    the zone). On SQLite the database does the conversions (``datetime(…, 'localtime')``,
    ``julianday``, ``round``) in C: done per row in Python they cost more than the query itself.
    """
    if not data.packs:
        return
    raw = db.is_sqlite
    query = _attempt_query(data.packs, data.filters, [
        Learner.employee_no, Learner.name, Attempt.pack_id, Attempt.exercise_id,
        *(_sqlite_columns(excel) if raw else (Attempt.score, Attempt.started_at,
                                                Attempt.finished_at)),
    ]).join(Learner, Learner.id == Attempt.learner_id).order_by(*attempt_order(raw))
    if limit is not None:
        query = query.limit(limit)
    convert = _excel_serial if excel else _as_text
    with db.reader() as session:  # Core rows: the ORM's per-row bookkeeping costs seconds here
        result = session.connection().execution_options(yield_per=batch).execute(query)
        for part in result.partitions():
            if raw:
                yield part
            else:
                yield [(no, name, pack_id, exercise_id,
                        None if score is None else rounded(score * 100.0),
                        convert(begun), None if ended is None else convert(ended))
                       for no, name, pack_id, exercise_id, score, begun, ended in part]


EXCEL_JULIAN_DAY = 2415018.5  # julian day number of Excel's day 0 (1899-12-30)


def _sqlite_columns(excel: bool) -> list[Any]:
    """Score 0–100 with one decimal, and the two moments, computed by SQLite."""
    score = sql_rounded(Attempt.score * 100.0)  # NULL stays NULL
    if excel:
        return [score, _excel_day(Attempt.started_at), _excel_day(Attempt.finished_at)]
    return [score, func.datetime(Attempt.started_at, "localtime"),
            func.datetime(Attempt.finished_at, "localtime")]


def _excel_day(column: Any) -> Any:
    """Excel day number in SQL, cut to the whole second like the CSV's text. The millisecond
    rounding first matters: a raw julianday lands a hair below an exact second."""
    seconds = cast(func.round((func.julianday(column, "localtime") - EXCEL_JULIAN_DAY)
                              * 86400.0, 3),
                   Integer)
    return seconds / 86400.0


def _excel_serial(value: datetime) -> float:
    value = local(value)
    return (value.replace(microsecond=0) - datetime(1899, 12, 30)).total_seconds() / 86400.0


def _as_text(value: datetime) -> str:
    return local(value).strftime("%Y-%m-%d %H:%M:%S")
