"""Date-limited figures from the per-day summaries: whole UTC days from ``summary_days``, the
partial days at the edges of a range of local days from the answers themselves.

HR's filters count local calendar days (``filters.CohortFilter``); the store keeps UTC days, so a
range of local days in Beijing starts and ends at 16:00 UTC. The whole UTC days in between are
read from the summaries (one row per learner, exercise and day, however many retries); the
two partial days at most, from the answers by ``ix_attempts_started_at``. The result is exactly
the figure a scan of every answer in the range gives: a best result over days is the largest of
the days' bests, and counts add up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select

from trainer.analytics.filters import CohortFilter
from trainer.store.models import Attempt, SummaryDay, SummaryWeight

Edge = tuple[datetime | None, datetime | None]  # [start, end) in UTC; None is open


@dataclass(frozen=True)
class Span:
    """A filter's range as whole UTC days (``first``…``last``, None is open; ``days`` False when
    no whole day is inside) and the partial days at its edges."""

    first: date | None
    last: date | None
    days: bool
    edges: tuple[Edge, ...]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def span(flt: CohortFilter) -> Span:
    """Split the filter's [start, end) into whole UTC days and at most two partial ones."""
    start, end = flt.start, flt.end
    first = None if start is None else (
        start.date() if start == _midnight(start.date()) else start.date() + timedelta(days=1))
    last = None if end is None else end.date() - timedelta(days=1)
    if first is not None and last is not None and first > last:
        return Span(None, None, False, ((start, end),))  # less than one whole UTC day
    edges: list[Edge] = []
    if start is not None and first is not None and start != _midnight(first):
        edges.append((start, _midnight(first)))
    if end is not None and end != _midnight(end.date()):
        edges.append((_midnight(end.date()), end))
    return Span(first, last, True, tuple(edges))


def _day_conditions(part: Span) -> list[Any]:
    conditions = []
    if part.first is not None:
        conditions.append(SummaryDay.day >= part.first)
    if part.last is not None:
        conditions.append(SummaryDay.day <= part.last)
    return conditions


def _edge_conditions(edge: Edge) -> list[Any]:
    start, end = edge
    return [c for c in (None if start is None else Attempt.started_at >= start,
                        None if end is None else Attempt.started_at < end) if c is not None]


def bests(pack_ids: Sequence[str], flt: CohortFilter) -> Any:
    """Subquery: (learner_id, pack_id, exercise_id, best) over the scored answers in range."""
    ids, part = list(pack_ids), span(flt)
    d = SummaryDay
    parts = []
    if part.days:
        parts.append(select(d.learner_id, d.pack_id, d.exercise_id, d.best.label("best"))
                     .where(d.pack_id.in_(ids), d.best.is_not(None), *_day_conditions(part)))
    for edge in part.edges:
        parts.append(select(Attempt.learner_id, Attempt.pack_id, Attempt.exercise_id,
                            Attempt.score.label("best"))
                     .where(Attempt.pack_id.in_(ids), Attempt.score.is_not(None),
                            *_edge_conditions(edge)))
    rows = (parts[0] if len(parts) == 1 else parts[0].union_all(*parts[1:])).subquery("in_range")
    return (select(rows.c.learner_id, rows.c.pack_id, rows.c.exercise_id,
                   func.max(rows.c.best).label("best"))
            .group_by(rows.c.learner_id, rows.c.pack_id, rows.c.exercise_id)
            .subquery("best_in_range"))


def competency_sums(pack_ids: Sequence[str], flt: CohortFilter) -> Any:
    """Per learner and competency over the range: s = Σ weight × best, t = Σ weight, n — the
    columns of ``summaries.competency_sums``, with the registered weights."""
    best = bests(pack_ids, flt)
    w = SummaryWeight
    return (select(best.c.learner_id, w.competency_id.label("competency_id"),
                   func.sum(best.c.best * w.weight).label("s"), func.sum(w.weight).label("t"),
                   func.count().label("n"))
            .join(w, (w.pack_id == best.c.pack_id) & (w.exercise_id == best.c.exercise_id))
            .group_by(best.c.learner_id, w.competency_id).subquery("per_competency"))


def activity(pack_ids: Sequence[str], flt: CohortFilter) -> Any:
    """Per learner over the range: answers given and the latest answer's start."""
    ids, part = list(pack_ids), span(flt)
    d = SummaryDay
    parts = []
    if part.days:
        parts.append(select(d.learner_id, func.sum(d.answers).label("n"),
                            func.max(d.last_answer_at).label("last"))
                     .where(d.pack_id.in_(ids), *_day_conditions(part)).group_by(d.learner_id))
    for edge in part.edges:
        parts.append(select(Attempt.learner_id, func.count().label("n"),
                            func.max(Attempt.started_at).label("last"))
                     .where(Attempt.pack_id.in_(ids), *_edge_conditions(edge))
                     .group_by(Attempt.learner_id))
    rows = (parts[0] if len(parts) == 1 else parts[0].union_all(*parts[1:])).subquery("answers")
    return (select(rows.c.learner_id, func.sum(rows.c.n).label("answers"),
                   func.max(rows.c.last).label("last_answer_at"))
            .group_by(rows.c.learner_id))


def answer_count(pack_ids: Sequence[str], flt: CohortFilter, kept: Any) -> Any:
    """SQL: how many answers in range the learners of subquery ``kept`` gave."""
    per = activity(pack_ids, flt).subquery("per_learner")
    return (select(func.coalesce(func.sum(per.c.answers), 0))
            .join(kept, kept.c.learner_id == per.c.learner_id))
