"""Running summaries (``summary_standing``, ``summary_answers_to_date``): where each learner
stood at the end of each UTC day, so a date-limited HR figure reads one row per learner and
competency (or pack) at each edge of the range, however many answers came before.

* standing: per learner, pack, competency and day on which it changed, the competency sums
  (Σ weight × best, Σ weight, exercises; as ``summary_competencies``) at the end of that day;
* answers to date: per learner, pack and day with answers, the answers given up to the end of
  that day and that day's latest start.

Both are rebuilt from ``summary_days`` (one row per exercise and day, not per answer) by passes
in Python over one ordered read (``rebuild_running``): about half the time of the same
derivations in SQL (``standing_source``, ``to_date_source``: window passes and sorts, 14 s per
million answers), which stay as the independent derivations ``trainer db summaries`` (a check)
compares the stored rows against. On each answer ``trainer.store.summary`` copies the freshly
updated ``summary_competencies`` / ``summary_activity`` rows to the answer's day when no answer
of that learner and pack lies on a later day (the normal case: two cheap statements); an older
answer (a merged bundle) rebuilds that learner's and pack's rows instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from sqlalchemy import (
    Date,
    Float,
    String,
    and_,
    bindparam,
    case,
    func,
    insert,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from trainer.store.models import (
    SummaryActivity,
    SummaryAnswersToDate,
    SummaryCompetency,
    SummaryDay,
    SummaryStanding,
    SummaryWeight,
)

STANDING, TO_DATE = SummaryStanding, SummaryAnswersToDate
Pair = tuple[int, str]  # learner, pack
EPSILON = 1e-6  # sums built in another order differ in their last bits


def standing_source(where: list[Any], dialect: str) -> Any:
    """The rows of ``summary_standing`` rebuilt from the per-day bests ``where`` keeps.

    Each exercise's best so far at each of its days (a running maximum), the steps where it
    rose turned into changes of the sums, and those added up day by day per competency.
    """
    d = SummaryDay
    exercise = (d.learner_id, d.pack_id, d.exercise_id)
    running = (select(d.learner_id, d.pack_id, d.exercise_id, d.day,
                      func.max(d.best).over(partition_by=exercise, order_by=d.day).label("best"))
               .where(*where).subquery("running"))
    r = running.c
    steps = select(r.learner_id, r.pack_id, r.exercise_id, r.day, r.best,
                   func.lag(r.best).over(partition_by=(r.learner_id, r.pack_id, r.exercise_id),
                                         order_by=r.day).label("before")).subquery("steps")
    s, w = steps.c, SummaryWeight
    first = s.before.is_(None)
    changes = (select(s.learner_id, s.pack_id, w.competency_id, s.day,
                      func.sum(w.weight * (s.best - func.coalesce(s.before, 0.0))).label("ds"),
                      func.sum(case((first, w.weight), else_=0.0)).label("dt"),
                      func.sum(case((first, 1), else_=0)).label("dn"))
               .join(w, and_(w.pack_id == s.pack_id, w.exercise_id == s.exercise_id))
               .where(s.best.is_not(None), or_(first, s.best > s.before))
               .group_by(s.learner_id, s.pack_id, w.competency_id, s.day).subquery("changes"))
    c = changes.c
    group = (c.learner_id, c.pack_id, c.competency_id)
    return select(c.learner_id, c.pack_id, c.competency_id, c.day,
                  func.sum(c.ds).over(partition_by=group, order_by=c.day).label("weighted"),
                  func.sum(c.dt).over(partition_by=group, order_by=c.day).label("weight"),
                  func.sum(c.dn).over(partition_by=group, order_by=c.day).label("exercises"))


RUNNING_BATCH = 500  # learners per ordered read of their days
_COLUMNS = {"standing": ("learner_id", "pack_id", "competency_id", "day", "weighted", "weight",
                         "exercises"),
            "to_date": ("learner_id", "pack_id", "day", "answers", "last_answer_at")}


def rebuild_running(session: Session, where: list[Any], parts: Iterable[str]) -> None:
    """Write the rows of the running summaries named in ``parts`` ("standing", "to_date") for
    the days ``where`` keeps (their old rows already deleted): one ordered read of the days,
    500 learners at a time, and a pass in Python over them for each summary."""
    wanted = [part for part in ("standing", "to_date") if part in parts]
    weights: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for pack, exercise, competency, weight in session.execute(select(
            SummaryWeight.pack_id, SummaryWeight.exercise_id, SummaryWeight.competency_id,
            SummaryWeight.weight)):
        weights.setdefault((pack, exercise), []).append((competency, weight))
    d = SummaryDay
    learners = sorted(session.scalars(select(d.learner_id).distinct().where(*where)))
    connection = session.connection()
    raw = connection.connection.driver_connection if connection.dialect.name == "sqlite" \
        else None
    # days and times passed through as stored: they are only ordered, compared and copied
    columns = (d.learner_id, d.pack_id, d.exercise_id, type_coerce(d.day, String), d.best,
               d.answers, type_coerce(d.last_answer_at, String))
    for start in range(0, len(learners), RUNNING_BATCH):
        days = connection.execute(  # Core, not the ORM: rows as plain tuples
            select(*columns).where(*where, d.learner_id.in_(
                learners[start:start + RUNNING_BATCH]))
            .order_by(d.learner_id, d.pack_id, d.exercise_id, d.day)).all()
        for part in wanted:
            model = STANDING if part == "standing" else TO_DATE
            rows = list(standing_rows(days, weights) if part == "standing" else to_date_rows(days))
            if not rows:
                continue
            names = _COLUMNS[part]
            if raw is not None:  # SQLite: values as stored, no per-value conversion
                raw.executemany(f"INSERT INTO {model.__tablename__} ({', '.join(names)}) "
                                f"VALUES ({', '.join('?' for _ in names)})", rows)
            else:
                connection.execute(insert(model), [dict(zip(names, row, strict=True))
                                                   for row in rows])


Day = tuple[int, str, str, Any, float | None, int, Any]  # learner, pack, exercise, day, best,
# answers, latest start: a row of summary_days


def standing_rows(days: Iterable[Day],
                  weights: Mapping[tuple[str, str], list[tuple[str, float]]]
                  ) -> Iterator[tuple[int, str, str, Any, float, float, int]]:
    """``standing_source`` in one pass over (learner, pack, exercise, day, best) rows ordered by
    those keys: each exercise's rises of its best so far, added up per competency and day,
    then summed day by day."""
    pair: tuple[int, str] | None = None
    changes: dict[tuple[str, Any], list[float]] = {}
    best_so_far: dict[str, float] = {}
    for learner, pack, exercise, day, best, *_ in days:
        if (learner, pack) != pair:
            if pair is not None:
                yield from _running(pair, changes)
            pair, changes, best_so_far = (learner, pack), {}, {}
        if best is None:
            continue
        before = best_so_far.get(exercise)
        if before is not None and best <= before:
            continue
        best_so_far[exercise] = best
        rise = best - (before or 0.0)
        for competency, weight in weights.get((pack, exercise), ()):
            change = changes.get((competency, day))
            if change is None:
                change = changes[(competency, day)] = [0.0, 0.0, 0]
            change[0] += weight * rise
            if before is None:  # a first result: the exercise now counts
                change[1] += weight
                change[2] += 1
    if pair is not None:
        yield from _running(pair, changes)


def _running(pair: tuple[int, str], changes: Mapping[tuple[str, Any], list[float]]
             ) -> Iterator[tuple[int, str, str, Any, float, float, int]]:
    learner, pack = pair
    current = None
    weighted = weight = 0.0
    exercises = 0
    for competency, day in sorted(changes):
        if competency != current:
            current, weighted, weight, exercises = competency, 0.0, 0.0, 0
        change = changes[(competency, day)]
        weighted += change[0]
        weight += change[1]
        exercises += int(change[2])
        yield learner, pack, competency, day, weighted, weight, exercises


def to_date_rows(days: Iterable[Day]) -> Iterator[tuple[int, str, Any, int, Any]]:
    """``to_date_source`` in one pass over the days ordered by learner and pack: per day the
    answers so far and that day's latest start."""
    pair: tuple[int, str] | None = None
    per_day: dict[Any, list[Any]] = {}
    for learner, pack, _, day, _, answers, latest in days:
        if (learner, pack) != pair:
            if pair is not None:
                yield from _to_date(pair, per_day)
            pair, per_day = (learner, pack), {}
        counts = per_day.get(day)
        if counts is None:
            per_day[day] = [answers, latest]
        else:
            counts[0] += answers
            counts[1] = max(counts[1], latest)
    if pair is not None:
        yield from _to_date(pair, per_day)


def _to_date(pair: tuple[int, str], per_day: Mapping[Any, list[Any]]
             ) -> Iterator[tuple[int, str, Any, int, Any]]:
    total = 0
    for day in sorted(per_day):
        answers, latest = per_day[day]
        total += answers
        yield pair[0], pair[1], day, total, latest


def to_date_source(where: list[Any], dialect: str) -> Any:
    """The rows of ``summary_answers_to_date`` rebuilt from the per-day counts ``where`` keeps
    (a day's latest start is the latest so far: days are the starts' own UTC days)."""
    d = SummaryDay
    per_day = (select(d.learner_id, d.pack_id, d.day, func.sum(d.answers).label("answers"),
                      func.max(d.last_answer_at).label("last_answer_at"))
               .where(*where).group_by(d.learner_id, d.pack_id, d.day).subquery("per_day"))
    p = per_day.c
    return select(p.learner_id, p.pack_id, p.day,
                  func.sum(p.answers).over(partition_by=(p.learner_id, p.pack_id),
                                           order_by=p.day).label("answers"),
                  p.last_answer_at)


_LATEST = (select(TO_DATE.pack_id, TO_DATE.learner_id, func.max(TO_DATE.day))
           .where(TO_DATE.pack_id == bindparam("pack"),
                  TO_DATE.learner_id.in_(bindparam("learners", expanding=True)))
           .group_by(TO_DATE.pack_id, TO_DATE.learner_id))
LATEST_ONE = (select(func.max(TO_DATE.day))
              .where(TO_DATE.learner_id == bindparam("learner"),
                     TO_DATE.pack_id == bindparam("pack")).scalar_subquery())
LEARNER_BATCH = 500


def latest_days(session: Session, pairs: Iterable[Pair]) -> dict[Pair, date]:
    """The latest day with answers of each (learner, pack) that has any."""
    by_pack: dict[str, list[int]] = {}
    for learner, pack in pairs:
        by_pack.setdefault(pack, []).append(learner)
    found: dict[Pair, date] = {}
    for pack, learners in by_pack.items():
        for start in range(0, len(learners), LEARNER_BATCH):
            for pack_id, learner, day in session.execute(_LATEST, {
                    "pack": pack, "learners": learners[start:start + LEARNER_BATCH]}):
                if day is not None:
                    found[(learner, pack_id)] = day
    return found


_STATEMENTS: dict[tuple[str, str], Any] = {}


def _copy_statement(dialect: str, model: Any, source: Any, match: list[str],
                    values_: list[tuple[str, str]]) -> Any:
    """Built once per dialect: copy ``source``'s row (matched on ``match`` parameters) into
    ``model`` at the day parameter, replacing what that day held."""
    key = (dialect, model.__tablename__)
    stmt = _STATEMENTS.get(key)
    if stmt is not None:
        return stmt
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    table = model.__table__
    columns = [*match, "day", *(target for target, _ in values_)]
    picked = select(*(source.c[name] for name in match), bindparam("day", type_=Date),
                    *(source.c[origin] for _, origin in values_)).where(
        *(source.c[name] == bindparam(name) for name in match))  # a WHERE: SQLite's upsert
    insert_ = dialect_insert(table).from_select(columns, picked)
    stmt = _STATEMENTS[key] = insert_.on_conflict_do_update(
        index_elements=[c.name for c in table.primary_key.columns],
        set_={target: insert_.excluded[target] for target, _ in values_})
    return stmt


def copy_current(session: Session, competencies: Iterable[tuple[int, str, str, date]],
                 pairs: Iterable[tuple[int, str, date]]) -> None:
    """Record the current sums of (learner, pack, competency) and answer counts of (learner,
    pack) as the standing at the end of the given day (no later answers exist)."""
    dialect = session.get_bind().dialect.name
    connection = session.connection()
    rows = [{"learner_id": learner, "pack_id": pack, "competency_id": competency, "day": day}
            for learner, pack, competency, day in competencies]
    if rows:
        connection.execute(_copy_statement(
            dialect, STANDING, SummaryCompetency.__table__,
            ["learner_id", "pack_id", "competency_id"],
            [("weighted", "weighted"), ("weight", "weight"), ("exercises", "exercises")]), rows)
    rows = [{"learner_id": learner, "pack_id": pack, "day": day} for learner, pack, day in pairs]
    if rows:
        connection.execute(_copy_statement(
            dialect, TO_DATE, SummaryActivity.__table__, ["learner_id", "pack_id"],
            [("answers", "attempts"), ("last_answer_at", "last_answer_at")]), rows)


def split(new_days: Mapping[Pair, set[date]], latest: Mapping[Pair, date]
          ) -> tuple[dict[Pair, date], set[Pair]]:
    """Which (learner, pack) pairs can copy their current sums to the one day of their new
    answers (none later recorded), and which must be rebuilt from their days."""
    copied: dict[Pair, date] = {}
    rebuilt: set[Pair] = set()
    for pair, days in new_days.items():
        before = latest.get(pair)
        if len(days) == 1 and (before is None or min(days) >= before):
            copied[pair] = min(days)
        else:
            rebuilt.add(pair)
    return copied, rebuilt


def differing(session: Session, model: Any, source: Any, dialect: str) -> int:
    """How many rows differ between ``model`` and a rebuild (``source``), counted by the
    database, floats compared within ``EPSILON``."""
    table = model.__table__
    keys = [c.name for c in table.primary_key.columns]
    values_ = [c.name for c in table.columns if c.name not in keys]
    expected = source([], dialect).subquery("expected")
    stored = select(table).subquery("stored")
    joined = and_(*(stored.c[k] == expected.c[k] for k in keys))

    def unequal(a: Any, b: Any) -> Any:
        if isinstance(a.type, Float):
            return func.abs(a - b) > EPSILON
        return a != b

    total = session.execute(
        select(func.count()).select_from(stored).outerjoin(expected, joined)
        .where(or_(expected.c[keys[0]].is_(None),
                   *(unequal(stored.c[v], expected.c[v]) for v in values_)))).scalar_one()
    total += session.execute(select(func.count()).select_from(expected).outerjoin(
        stored, joined).where(stored.c[keys[0]].is_(None))).scalar_one()
    return int(total)
