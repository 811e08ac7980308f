"""Summaries of the attempts for HR's cohort figures (DESIGN §6: 1 M attempts in under 1 s).

Per learner and pack the store keeps: competency sums (Σ weight × best result, Σ weight and the
exercises behind them), the number of answers with the latest one's start, and each
final-assessment sitting's points; per learner, pack, exercise and UTC day the best result and
answers (``summary_days``); and, for date-limited figures, the competency sums and answers to date
as they stood at the end of each day (``summary_standing``). Cohort queries then read one row
per learner and competency instead of every attempt.

The weights and the assessment exercises come from the packs, which the store does not read: the
analytics ``register`` them, and a pack registered with different ones is rebuilt from its
attempts. Every writer of attempts keeps the summaries in step in the same transaction:
``note_attempt`` for one answer, ``note_attempts`` for many (bulk inserts, bundle merges),
``refresh`` after writing a whole population (demo data). They are derived data: ``refresh()``
rebuilds all of them from the attempts at any time, and ``out_of_step`` compares.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    and_,
    bindparam,
    case,
    column,
    delete,
    func,
    insert,
    select,
    text,
    values,
)
from sqlalchemy.orm import Session

from trainer.store import summary_days, summary_standing
from trainer.store.models import (
    Attempt,
    SummaryActivity,
    SummaryAssessment,
    SummaryCompetency,
    SummarySitting,
    SummaryWeight,
)
from trainer.store.types import as_utc

PG_LOCK_KEY = 7_240_918  # serialises registrations from several machines on one server
LEARNER_CHUNK = 500  # learner ids per IN (…) when refreshing some learners
# in rebuild order: standing and answers to date are rebuilt from the days
PARTS = ("competencies", "activity", "sittings", "days", "standing", "to_date")


@dataclass(frozen=True)
class Registration:
    """What the summaries of one pack were built with."""

    # (exercise id, competency id) → weight (> 0)
    weights: dict[tuple[str, str], float] = field(default_factory=dict)
    # final-assessment exercise id → (questions in its module, pass mark in percent)
    assessments: dict[str, tuple[int, int]] = field(default_factory=dict)


_UPSERTS: dict[tuple[str, str, tuple[tuple[str, Any], ...]], Any] = {}


def _upsert(session: Session, model: type[Any], rows: list[dict[str, Any]],
            merge: Mapping[str, Callable[[Any, Any], Any]]) -> None:
    """INSERT … ON CONFLICT (primary key) DO UPDATE, with ``merge[column](old, new)``.

    The statement is built once per table and executed with the rows as parameters, so its
    compiled form is reused (building it with the values would compile it on every answer).
    """
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    key = (dialect, model.__tablename__, tuple(merge.items()))
    stmt = _UPSERTS.get(key)
    if stmt is None:
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        table = model.__table__
        stmt = dialect_insert(table)
        stmt = _UPSERTS[key] = stmt.on_conflict_do_update(
            index_elements=[c.name for c in table.primary_key.columns],
            set_={name: combine(table.c[name], stmt.excluded[name])
                  for name, combine in merge.items()})
    session.connection().execute(stmt, rows)


def _add(old: Any, new: Any) -> Any:
    return old + new


def _larger(old: Any, new: Any) -> Any:
    return case((new > old, new), else_=old)


_ATTEMPTS = Attempt.__table__
_WEIGHTS = SummaryWeight.__table__
_ASSESSMENTS = SummaryAssessment.__table__
_LEARNER, _PACK, _EXERCISE = bindparam("learner"), bindparam("pack"), bindparam("exercise")
# one round trip per answer: the best result so far and, for final assessments, the marks
_BEFORE = select(
    select(func.max(_ATTEMPTS.c.score)).where(
        _ATTEMPTS.c.learner_id == _LEARNER, _ATTEMPTS.c.pack_id == _PACK,
        _ATTEMPTS.c.exercise_id == _EXERCISE).scalar_subquery(),
    *(select(column_).where(_ASSESSMENTS.c.pack_id == _PACK,
                            _ASSESSMENTS.c.exercise_id == _EXERCISE).scalar_subquery()
      for column_ in (_ASSESSMENTS.c.total, _ASSESSMENTS.c.pass_mark)),
    summary_standing.LATEST_ONE)
_EXERCISE_WEIGHTS = select(_WEIGHTS.c.competency_id, _WEIGHTS.c.weight).where(
    _WEIGHTS.c.pack_id == _PACK, _WEIGHTS.c.exercise_id == _EXERCISE)


Key = tuple[int, str, str]  # learner, pack, exercise
Exercise = tuple[str, str]  # pack, exercise
KEY_BATCH = 2_000  # keys per look-up statement (3 parameters each, well under SQLite's limit)


def note_attempt(session: Session, learner_id: int, pack_id: str, exercise_id: str,
                 score: float | None, started_at: datetime) -> bool:
    """Fold one new answer into the summaries. Call before the attempt itself is flushed.
    Returns whether it belongs to a final assessment (its sitting may now pass).

    Core statements on the session's connection, built once: this runs on every answer.
    """
    connection = session.connection()
    keys = {"learner": learner_id, "pack": pack_id, "exercise": exercise_id}
    old, total, mark, latest = connection.execute(_BEFORE, keys).one()
    exercise = (pack_id, exercise_id)
    raised = score is not None and (old is None or score > old)
    _fold(session, [{"learner_id": learner_id, "pack_id": pack_id, "exercise_id": exercise_id,
                     "score": score, "started_at": started_at}],
          {} if old is None else {(learner_id, pack_id, exercise_id): old},
          {exercise: connection.execute(_EXERCISE_WEIGHTS, keys).all()} if raised else {},
          {} if total is None else {exercise: (total, mark)},
          {} if latest is None else {(learner_id, pack_id): latest})
    return total is not None


def note_attempts(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Fold many new answers (attempt column dicts, not yet flushed) into the summaries: the
    same result as ``note_attempt`` for each, in a few statements per thousand answers."""
    exercises = {(r["pack_id"], r["exercise_id"]) for r in rows}
    weights = _weights_of(session, exercises)
    keys = sorted({(r["learner_id"], r["pack_id"], r["exercise_id"]) for r in rows
                   if r["score"] is not None and (r["pack_id"], r["exercise_id"]) in weights})
    pairs = {(r["learner_id"], r["pack_id"]) for r in rows}
    _fold(session, rows, _old_bests(session, keys), weights, _assessments_of(session, exercises),
          summary_standing.latest_days(session, pairs))


def _fold(session: Session, rows: Sequence[Mapping[str, Any]], old: Mapping[Key, float],
          weights: Mapping[Exercise, list[tuple[str, float]]],
          assessed: Mapping[Exercise, tuple[int, int]], latest: Mapping[tuple[int, str], date]
          ) -> None:
    """Add new answers to the summaries, given the best results recorded before them, the
    registered weights of their exercises, the marks of the final-assessment ones and the
    latest day with answers of each learner and pack."""
    best: dict[Key, float] = {}
    for row in rows:
        key, score = (row["learner_id"], row["pack_id"], row["exercise_id"]), row["score"]
        if score is not None and (key[1], key[2]) in weights and score > best.get(key, -1.0):
            best[key] = score
    sums: dict[tuple[int, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for key, after in best.items():
        before = old.get(key)
        if before is not None and after <= before:
            continue
        for competency, weight in weights[(key[1], key[2])]:
            found = sums[(key[0], key[1], competency)]
            found[0] += (after - (before or 0.0)) * weight
            if before is None:
                found[1] += weight
                found[2] += 1
    _upsert_many(session, SummaryCompetency, [
        {"learner_id": learner, "pack_id": pack, "competency_id": competency,
         "weighted": w, "weight": t, "exercises": n}
        for (learner, pack, competency), (w, t, n) in sums.items()],
        {"weighted": _add, "weight": _add, "exercises": _add})
    sittings: dict[tuple[int, str, datetime], list[Any]] = {}
    activity: dict[tuple[int, str], list[Any]] = {}
    for row in rows:
        moment = as_utc(row["started_at"])
        marks = assessed.get((row["pack_id"], row["exercise_id"]))
        if marks is not None:
            sitting = sittings.setdefault((row["learner_id"], row["pack_id"], moment),
                                          [0.0, *marks])
            sitting[0] += row["score"] or 0.0
            sitting[1], sitting[2] = max(sitting[1], marks[0]), max(sitting[2], marks[1])
        answers = activity.setdefault((row["learner_id"], row["pack_id"]), [0, moment])
        answers[0] += 1
        answers[1] = max(answers[1], moment)
    _upsert_many(session, SummarySitting, [
        {"learner_id": learner, "pack_id": pack, "started_at": moment, "points": points,
         "total": total, "pass_mark": mark}
        for (learner, pack, moment), (points, total, mark) in sittings.items()],
        {"points": _add, "total": _larger, "pass_mark": _larger})
    _upsert_many(session, SummaryActivity, [
        {"learner_id": learner, "pack_id": pack, "attempts": n, "last_answer_at": last}
        for (learner, pack), (n, last) in activity.items()],
        {"attempts": _add, "last_answer_at": _larger})
    _upsert_many(session, summary_days.MODEL, summary_days.day_rows(rows),
                 {"best": summary_days.larger_or_known, "answers": _add,
                  "last_answer_at": _larger})
    _note_standing(session, rows, sums, latest)


def _note_standing(session: Session, rows: Sequence[Mapping[str, Any]],
                   changed: Mapping[tuple[int, str, str], Any],
                   latest: Mapping[tuple[int, str], date]) -> None:
    """The running summaries, after the others: the new day's rows copied from the current
    sums where nothing later was recorded, else that learner's and pack's rebuilt from days."""
    new_days: dict[tuple[int, str], set[date]] = defaultdict(set)
    for row in rows:
        new_days[(row["learner_id"], row["pack_id"])].add(as_utc(row["started_at"]).date())
    copied, rebuilt = summary_standing.split(new_days, latest)
    summary_standing.copy_current(
        session, [(learner, pack, competency, copied[(learner, pack)])
                  for learner, pack, competency in changed if (learner, pack) in copied],
        [(learner, pack, day) for (learner, pack), day in copied.items()])
    by_pack: dict[str, list[int]] = defaultdict(list)
    for learner, pack in rebuilt:
        by_pack[pack].append(learner)
    for pack, learners in by_pack.items():
        refresh(session, learner_ids=learners, pack_ids=[pack], parts=("standing", "to_date"))


def _weights_of(session: Session, exercises: set[Exercise]
                ) -> dict[Exercise, list[tuple[str, float]]]:
    found: dict[Exercise, list[tuple[str, float]]] = defaultdict(list)
    for pack_id in {pack for pack, _ in exercises}:
        for exercise, competency, weight in session.execute(
                select(SummaryWeight.exercise_id, SummaryWeight.competency_id,
                       SummaryWeight.weight).where(SummaryWeight.pack_id == pack_id)):
            if (pack_id, exercise) in exercises:
                found[(pack_id, exercise)].append((competency, weight))
    return found


def _assessments_of(session: Session, exercises: set[Exercise]
                    ) -> dict[Exercise, tuple[int, int]]:
    found = {}
    for pack_id in {pack for pack, _ in exercises}:
        for exercise, total, mark in session.execute(
                select(SummaryAssessment.exercise_id, SummaryAssessment.total,
                       SummaryAssessment.pass_mark).where(SummaryAssessment.pack_id == pack_id)):
            if (pack_id, exercise) in exercises:
                found[(pack_id, exercise)] = (total, mark)
    return found


def _old_bests(session: Session, keys: list[Key]) -> dict[Key, float]:
    """Best recorded score per (learner, pack, exercise): one index seek per key."""
    found: dict[Key, float] = {}
    for start in range(0, len(keys), KEY_BATCH):
        wanted = (values(column("learner_id", Integer), column("pack_id", String),
                         column("exercise_id", String), name="wanted")
                  .data(keys[start:start + KEY_BATCH]).cte())
        best = (select(func.max(Attempt.score))
                .where(Attempt.learner_id == wanted.c.learner_id,
                       Attempt.pack_id == wanted.c.pack_id,
                       Attempt.exercise_id == wanted.c.exercise_id).scalar_subquery())
        for learner, pack, exercise, score in session.execute(
                select(wanted.c.learner_id, wanted.c.pack_id, wanted.c.exercise_id, best)):
            if score is not None:
                found[(learner, pack, exercise)] = score
    return found


def _upsert_many(session: Session, model: type[Any], rows: list[dict[str, Any]],
                 merge: Mapping[str, Callable[[Any, Any], Any]]) -> None:
    for start in range(0, len(rows), KEY_BATCH):
        _upsert(session, model, rows[start:start + KEY_BATCH], merge)


def refresh(session: Session, *, learner_ids: Iterable[int] | None = None,
            pack_ids: Sequence[str] | None = None, parts: Sequence[str] = PARTS) -> None:
    """Rebuild summaries from the attempts: everyone's, or only some learners' or packs'."""
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValueError(f"unknown summary parts: {sorted(unknown)}")
    if learner_ids is None:
        _rebuild(session, None, pack_ids, parts)
        return
    ids = sorted(set(learner_ids))
    for start in range(0, len(ids), LEARNER_CHUNK):
        _rebuild(session, ids[start:start + LEARNER_CHUNK], pack_ids, parts)


def _rebuild(session: Session, learners: list[int] | None, packs: Sequence[str] | None,
             parts: Sequence[str]) -> None:
    def scope(model: Any) -> list[Any]:
        found = []
        if learners is not None:
            found.append(model.learner_id.in_(learners))
        if packs is not None:
            found.append(model.pack_id.in_(list(packs)))
        return found

    dialect = session.get_bind().dialect.name
    for part in PARTS:
        if part not in parts:
            continue
        model, source = _SOURCES[part]
        session.execute(delete(model).where(*scope(model)))
        if part in RUNNING:  # the running summaries: from the days, after them, in Python
            continue
        query = source(scope(Attempt), dialect)
        session.execute(insert(model).from_select(list(query.selected_columns.keys()), query))
    if running := [part for part in parts if part in RUNNING]:
        summary_standing.rebuild_running(session, scope(summary_days.MODEL), running)


def _competencies_source(where: list[Any], dialect: str) -> Any:
    best = (select(Attempt.learner_id, Attempt.pack_id, Attempt.exercise_id,
                   func.max(Attempt.score).label("best"))
            .where(Attempt.score.is_not(None), *where)
            .group_by(Attempt.learner_id, Attempt.pack_id, Attempt.exercise_id).subquery("best"))
    w = SummaryWeight
    return (select(best.c.learner_id, best.c.pack_id, w.competency_id.label("competency_id"),
                   func.sum(best.c.best * w.weight).label("weighted"),
                   func.sum(w.weight).label("weight"), func.count().label("exercises"))
            .join(w, and_(w.pack_id == best.c.pack_id, w.exercise_id == best.c.exercise_id))
            .group_by(best.c.learner_id, best.c.pack_id, w.competency_id))


def _activity_source(where: list[Any], dialect: str) -> Any:
    return (select(Attempt.learner_id, Attempt.pack_id, func.count().label("attempts"),
                   func.max(Attempt.started_at).label("last_answer_at"))
            .where(*where).group_by(Attempt.learner_id, Attempt.pack_id))


def _sittings_source(where: list[Any], dialect: str) -> Any:
    a = SummaryAssessment
    return (select(Attempt.learner_id, Attempt.pack_id, Attempt.started_at,
                   func.sum(func.coalesce(Attempt.score, 0.0)).label("points"),
                   func.max(a.total).label("total"), func.max(a.pass_mark).label("pass_mark"))
            .join(a, and_(a.pack_id == Attempt.pack_id, a.exercise_id == Attempt.exercise_id))
            .where(*where).group_by(Attempt.learner_id, Attempt.pack_id, Attempt.started_at))


_SOURCES: dict[str, tuple[Any, Callable[[list[Any], str], Any]]] = {
    "competencies": (SummaryCompetency, _competencies_source),
    "activity": (SummaryActivity, _activity_source),
    "sittings": (SummarySitting, _sittings_source),
    "days": (summary_days.MODEL, summary_days.source),
    "standing": (summary_standing.STANDING, summary_standing.standing_source),
    "to_date": (summary_standing.TO_DATE, summary_standing.to_date_source),
}
RUNNING = ("standing", "to_date")  # read the days (the others read the attempts)


def registered(session: Session, pack_ids: Iterable[str]) -> dict[str, Registration]:
    """The registration of each pack (an empty one for a pack never registered)."""
    ids = list(pack_ids)
    found = {pack_id: Registration() for pack_id in ids}
    for pack_id, exercise, competency, weight in session.execute(
            select(SummaryWeight.pack_id, SummaryWeight.exercise_id, SummaryWeight.competency_id,
                   SummaryWeight.weight).where(SummaryWeight.pack_id.in_(ids))):
        found[pack_id].weights[(exercise, competency)] = weight
    for pack_id, exercise, total, mark in session.execute(
            select(SummaryAssessment.pack_id, SummaryAssessment.exercise_id,
                   SummaryAssessment.total, SummaryAssessment.pass_mark)
            .where(SummaryAssessment.pack_id.in_(ids))):
        found[pack_id].assessments[exercise] = (total, mark)
    return found


def register(session: Session, pack_id: str, wanted: Registration) -> bool:
    """Make the pack's summaries use ``wanted``; rebuilds them (one pass over its attempts) only
    when the registration changes. Returns whether it did."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
    if registered(session, [pack_id])[pack_id] == wanted:
        return False
    session.execute(delete(SummaryWeight).where(SummaryWeight.pack_id == pack_id))
    session.execute(delete(SummaryAssessment).where(SummaryAssessment.pack_id == pack_id))
    if wanted.weights:
        session.execute(insert(SummaryWeight), [
            {"pack_id": pack_id, "exercise_id": exercise, "competency_id": competency,
             "weight": weight} for (exercise, competency), weight in wanted.weights.items()])
    if wanted.assessments:
        session.execute(insert(SummaryAssessment), [
            {"pack_id": pack_id, "exercise_id": exercise, "total": total, "pass_mark": mark}
            for exercise, (total, mark) in wanted.assessments.items()])
    refresh(session, pack_ids=[pack_id], parts=("competencies", "sittings", "standing"))
    from trainer.store import credits  # the final's sittings decide its 学时 award

    credits.sync(session, pack_ids=[pack_id])
    return True


def out_of_step(session: Session) -> dict[str, int]:
    """Per summary, how many rows differ from a rebuild from the attempts (reads only)."""
    found = {}
    dialect = session.get_bind().dialect.name
    for part in PARTS:
        if part == "days":
            found[part] = summary_days.differing(session, dialect)
            continue
        if part in RUNNING:
            model, source = _SOURCES[part]
            found[part] = summary_standing.differing(session, model, source, dialect)
            continue
        model, source = _SOURCES[part]
        table = model.__table__
        keys = [c.name for c in table.primary_key.columns]
        values_ = [c.name for c in table.columns if c.name not in keys]
        expected = {tuple(row[k] for k in keys): tuple(row[v] for v in values_)
                    for row in session.execute(source([], dialect)).mappings()}
        stored = {tuple(row[k] for k in keys): tuple(row[v] for v in values_)
                  for row in session.execute(select(table)).mappings()}
        found[part] = sum(not _same(stored.get(key), expected.get(key))
                          for key in stored.keys() | expected.keys())
    return found


def _same(a: tuple[Any, ...] | None, b: tuple[Any, ...] | None) -> bool:
    if a is None or b is None:
        return a is b
    return all(abs(x - y) < 1e-6 if _number(x) and _number(y) else x == y
               for x, y in zip(a, b, strict=True))


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
