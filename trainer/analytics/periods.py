"""Date-limited figures from the running summaries: one row per learner and competency (or
pack) at each edge of the range, plus the answers of the partial UTC days at the edges.

What a range means (README, "HR reports"): a competency score limited to dates is the
learner's *standing at the end of the range*, the weighted score from each exercise's best
result among every answer before the range ends (a score is a level, not an activity); the
range's start limits only activity: answers given, the latest answer, modules completed and
finals passed in the range. So a score needs the range's end only, and answers in a range are
the answers to date at its end minus those at its start.

HR's filters count local calendar days (``filters.CohortFilter``); the store keeps UTC days,
so in Beijing a range's edges fall at 16:00 UTC. The standing at the UTC midnight before an
edge is read by index seeks per learner and competency into ``summary_standing`` (the row with the
latest day before it); what the answers between that midnight and the edge change is read
from the answers by ``ix_attempts_started_at``, against each exercise's best before that
midnight from ``summary_days``. Answer counts read whichever side of the edge is shorter (the
hours after it east of Greenwich, the local small hours: the answers to the end of that UTC day
less those), so they read at most twelve hours around local midnight. The result is exactly the
figure a scan of every answer gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, literal, null, or_, select
from sqlalchemy.orm import aliased

from trainer.analytics.filters import CohortFilter
from trainer.store.models import (
    Attempt,
    SummaryActivity,
    SummaryAnswersToDate,
    SummaryCompetency,
    SummaryDay,
    SummaryStanding,
    SummaryWeight,
)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def split(moment: datetime) -> tuple[date, datetime | None]:
    """A range edge as the UTC day it falls in (summaries are read up to that day's start)
    and the edge itself when it falls inside that day (None at midnight: nothing partial)."""
    day = moment.astimezone(UTC).date()
    return day, None if moment == _midnight(day) else moment


def _in_edge(day: date, edge: datetime) -> list[Any]:
    return [Attempt.started_at >= _midnight(day), Attempt.started_at < edge]


def _last_before(model: Any, day: date, outer: Any, keys: Sequence[str], column: str) -> Any:
    """SQL: ``column`` of ``model``'s row with the latest day before ``day`` for the keys of
    the outer row (one index seek: the primary key ends with the day)."""
    seek = aliased(model)
    return (select(getattr(seek, column))
            .where(*(getattr(seek, k) == getattr(outer, k) for k in keys), seek.day < day)
            .order_by(seek.day.desc()).limit(1).correlate(outer).scalar_subquery())


def competency_sums(pack_ids: Sequence[str], end: datetime) -> Any:
    """Per learner and competency as they stood at ``end``: s = Σ weight × best, t = Σ weight,
    n — the columns of ``summaries.competency_sums``, with the registered weights (a row whose
    t is NULL or 0 has no evidence, as there)."""
    ids = list(pack_ids)
    day, edge = split(end)
    c, st = SummaryCompetency, SummaryStanding
    keys = ("learner_id", "pack_id", "competency_id")
    # the standing row found by its key: one seek for its day, one for the row (a look-up per
    # value took three), in a join the caller's query can stream in key order
    standing = and_(*(getattr(st, k) == getattr(c, k) for k in keys),
                    st.day == _last_before(st, day, c, keys, "day"))
    sums = [func.coalesce(getattr(st, column), 0) for column in ("weighted", "weight", "exercises")]
    query = (select(c.learner_id, c.competency_id).outerjoin(st, standing)
             .where(c.pack_id.in_(ids)))
    if edge is not None:  # what the hours between the UTC midnight and the edge add
        rows = _edge_changes(ids, day, edge).subquery("edge_rows")
        added = (select(rows.c.learner_id, rows.c.pack_id, rows.c.competency_id,
                        func.sum(rows.c.s).label("s"), func.sum(rows.c.t).label("t"),
                        func.sum(rows.c.n).label("n"))
                 .group_by(rows.c.learner_id, rows.c.pack_id, rows.c.competency_id)
                 .subquery("edge_added"))
        query = query.outerjoin(added, and_(added.c.learner_id == c.learner_id,
                                            added.c.pack_id == c.pack_id,
                                            added.c.competency_id == c.competency_id))
        sums = [total + func.coalesce(added.c[name], 0)
                for total, name in zip(sums, ("s", "t", "n"), strict=True)]
    if len(ids) == 1:  # one pack: the rows already are per learner and competency
        query = query.add_columns(*(v.label(n) for v, n in zip(sums, "stn", strict=True)))
    else:
        query = (query.add_columns(*(func.sum(v).label(n)
                                     for v, n in zip(sums, "stn", strict=True)))
                 .group_by(c.learner_id, c.competency_id))
    return query.subquery("per_competency")


def _edge_changes(ids: list[str], day: date, edge: datetime) -> Any:
    """(learner_id, pack_id, competency_id, s, t, n) the scored answers between the UTC midnight and
    ``edge`` add to the standing at that midnight: each exercise's rise above its best before."""
    a, d, w = Attempt, SummaryDay, SummaryWeight
    best = (select(a.learner_id, a.pack_id, a.exercise_id, func.max(a.score).label("best"))
            .where(a.pack_id.in_(ids), a.score.is_not(None), *_in_edge(day, edge))
            .group_by(a.learner_id, a.pack_id, a.exercise_id).subquery("edge_best"))
    before = (select(func.max(d.best)).where(
        d.learner_id == best.c.learner_id, d.pack_id == best.c.pack_id,
        d.exercise_id == best.c.exercise_id, d.day < day).correlate(best).scalar_subquery())
    # computed once per exercise (SQLite would otherwise repeat the look-up per use)
    rose = select(best, before.label("before")).cte("edge_rose").prefix_with(
        "MATERIALIZED", dialect="sqlite")
    first = rose.c.before.is_(None)
    return (select(rose.c.learner_id, rose.c.pack_id, w.competency_id,
                   (w.weight * (rose.c.best - func.coalesce(rose.c.before, 0.0))).label("s"),
                   case((first, w.weight), else_=0.0).label("t"),
                   case((first, 1), else_=0).label("n"))
            .join(w, and_(w.pack_id == rose.c.pack_id, w.exercise_id == rose.c.exercise_id))
            .where(or_(first, rose.c.best > rose.c.before)))


def _to_date(ids: list[str], moment: datetime, sign: int, latest: bool = True) -> list[Any]:
    """Selects of (learner_id, n, last): the answers up to ``moment`` per learner and pack
    (times ``sign``), with the latest one's start (only when ``sign`` is positive and
    ``latest``).

    Counts alone read the shorter side of a partial edge day: the answers to the end of that
    UTC day minus those after the edge when the edge lies past noon UTC (east of Greenwich: the
    hours after it are the small hours of the local day, when few answer), else those before
    it. Either way at most twelve hours of answers around local midnight."""
    day, edge = split(moment)
    a, keys = SummaryActivity, ("learner_id", "pack_id")
    if edge is not None and not latest and edge - _midnight(day) > timedelta(hours=12):
        after = _midnight(day + timedelta(days=1))
        answers = _last_before(SummaryAnswersToDate, after.date(), a, keys, "answers")
        return [select(a.learner_id, (literal(sign) * func.coalesce(answers, 0)).label("n"),
                       null().label("last")).where(a.pack_id.in_(ids)),
                select(Attempt.learner_id, literal(-sign) * func.count(), null())
                .where(Attempt.pack_id.in_(ids), Attempt.started_at >= edge,
                       Attempt.started_at < after)
                .group_by(Attempt.learner_id)]
    answers = _last_before(SummaryAnswersToDate, day, a, keys, "answers")
    last = _last_before(SummaryAnswersToDate, day, a, keys, "last_answer_at") if sign > 0 else (
        null())
    parts = [select(a.learner_id, (literal(sign) * func.coalesce(answers, 0)).label("n"),
                    last.label("last")).where(a.pack_id.in_(ids))]
    if edge is not None:
        parts.append(select(Attempt.learner_id, literal(sign) * func.count(),
                            func.max(Attempt.started_at) if sign > 0 else null())
                     .where(Attempt.pack_id.in_(ids), *_in_edge(day, edge))
                     .group_by(Attempt.learner_id))
    return parts


def activity(pack_ids: Sequence[str], flt: CohortFilter, latest: bool = True) -> Any:
    """Per learner over the range: answers given and the latest answer's start (NULL without
    ``latest``; learners without an answer in range left out)."""
    ids = list(pack_ids)
    if flt.end is None:
        a = SummaryActivity
        parts = [select(a.learner_id, a.attempts.label("n"), a.last_answer_at.label("last"))
                 .where(a.pack_id.in_(ids))]
    else:
        parts = _to_date(ids, flt.end, 1, latest)
    if flt.start is not None:
        parts += _to_date(ids, flt.start, -1, latest=False)
    rows = parts[0].union_all(*parts[1:]).subquery("answers") if len(parts) > 1 else (
        parts[0].subquery("answers"))
    return (select(rows.c.learner_id, func.sum(rows.c.n).label("answers"),
                   func.max(rows.c.last).label("last_answer_at"))
            .group_by(rows.c.learner_id).having(func.sum(rows.c.n) > 0))


def answer_count(pack_ids: Sequence[str], flt: CohortFilter, kept: Any) -> Any:
    """SQL: how many answers in range the learners of subquery ``kept`` gave."""
    per = activity(pack_ids, flt, latest=False).subquery("per_learner")
    return (select(func.coalesce(func.sum(per.c.answers), 0))
            .join(kept, kept.c.learner_id == per.c.learner_id))
