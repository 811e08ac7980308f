"""Summaries of the attempts for HR's cohort figures (DESIGN §6: 1 M attempts in under 1 s).

Per learner and pack the store keeps: competency sums (Σ weight × best result, Σ weight and the
exercises behind them), the number of answers with the latest one's start, and each
final-assessment sitting's points. Cohort queries then read one row per learner and competency
instead of every attempt.

The weights and the assessment exercises come from the packs, which the store does not read: the
analytics ``register`` them, and a pack registered with different ones is rebuilt from its
attempts. Every writer of attempts keeps the summaries in step in the same transaction:
``note_attempt`` for one answer, ``refresh`` after bulk writes (merges, demo data). They are
derived data: ``refresh()`` rebuilds all of them from the attempts at any time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, select, text
from sqlalchemy.orm import Session

from trainer.store.models import (
    Attempt,
    SummaryActivity,
    SummaryAssessment,
    SummaryCompetency,
    SummarySitting,
    SummaryWeight,
)

PG_LOCK_KEY = 7_240_918  # serialises registrations from several machines on one server
LEARNER_CHUNK = 500  # learner ids per IN (…) when refreshing some learners
PARTS = ("competencies", "activity", "sittings")


@dataclass(frozen=True)
class Registration:
    """What the summaries of one pack were built with."""

    weights: dict[tuple[str, str], float] = field(default_factory=dict)  # (exercise, comp.) → w
    assessments: dict[str, tuple[int, int]] = field(default_factory=dict)  # exercise → total, mark


def _upsert(session: Session, model: type[Any], rows: list[dict[str, Any]],
            merge: Mapping[str, Callable[[Any, Any], Any]]) -> None:
    """INSERT … ON CONFLICT (primary key) DO UPDATE, with ``merge[column](old, new)``."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    table = model.__table__
    stmt = dialect_insert(table).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=[c.name for c in table.primary_key.columns],
        set_={name: combine(table.c[name], stmt.excluded[name]) for name, combine in merge.items()})
    session.execute(stmt)


def _add(old: Any, new: Any) -> Any:
    return old + new


def _larger(old: Any, new: Any) -> Any:
    return case((new > old, new), else_=old)


def note_attempt(session: Session, learner_id: int, pack_id: str, exercise_id: str,
                 score: float | None, started_at: datetime) -> None:
    """Fold one new answer into the summaries. Call before the attempt itself is flushed."""
    if score is not None:
        old = session.scalar(select(func.max(Attempt.score)).where(
            Attempt.learner_id == learner_id, Attempt.pack_id == pack_id,
            Attempt.exercise_id == exercise_id))
        if old is None or score > old:
            _raise_best(session, learner_id, pack_id, exercise_id, score, old)
    assessed = session.execute(
        select(SummaryAssessment.total, SummaryAssessment.pass_mark)
        .where(SummaryAssessment.pack_id == pack_id,
               SummaryAssessment.exercise_id == exercise_id)).first()
    if assessed is not None:
        _upsert(session, SummarySitting, [{
            "learner_id": learner_id, "pack_id": pack_id, "started_at": started_at,
            "points": score or 0.0, "total": assessed.total, "pass_mark": assessed.pass_mark}],
            {"points": _add, "total": _larger, "pass_mark": _larger})
    _upsert(session, SummaryActivity, [{
        "learner_id": learner_id, "pack_id": pack_id, "attempts": 1,
        "last_answer_at": started_at}], {"attempts": _add, "last_answer_at": _larger})


def _raise_best(session: Session, learner_id: int, pack_id: str, exercise_id: str,
                score: float, old: float | None) -> None:
    """A new best result: add the gain to each weighted competency (first result: the weight)."""
    weights = session.execute(
        select(SummaryWeight.competency_id, SummaryWeight.weight)
        .where(SummaryWeight.pack_id == pack_id, SummaryWeight.exercise_id == exercise_id)).all()
    if not weights:
        return
    gain, first = score - (old or 0.0), old is None
    _upsert(session, SummaryCompetency, [
        {"learner_id": learner_id, "pack_id": pack_id, "competency_id": competency,
         "weighted": gain * weight, "weight": weight if first else 0.0,
         "exercises": 1 if first else 0} for competency, weight in weights],
        {"weighted": _add, "weight": _add, "exercises": _add})


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

    for part in parts:
        model, source = _SOURCES[part]
        session.execute(delete(model).where(*scope(model)))
        query = source(scope(Attempt))
        session.execute(insert(model).from_select(list(query.selected_columns.keys()), query))


def _competencies_source(where: list[Any]) -> Any:
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


def _activity_source(where: list[Any]) -> Any:
    return (select(Attempt.learner_id, Attempt.pack_id, func.count().label("attempts"),
                   func.max(Attempt.started_at).label("last_answer_at"))
            .where(*where).group_by(Attempt.learner_id, Attempt.pack_id))


def _sittings_source(where: list[Any]) -> Any:
    a = SummaryAssessment
    return (select(Attempt.learner_id, Attempt.pack_id, Attempt.started_at,
                   func.sum(func.coalesce(Attempt.score, 0.0)).label("points"),
                   func.max(a.total).label("total"), func.max(a.pass_mark).label("pass_mark"))
            .join(a, and_(a.pack_id == Attempt.pack_id, a.exercise_id == Attempt.exercise_id))
            .where(*where).group_by(Attempt.learner_id, Attempt.pack_id, Attempt.started_at))


_SOURCES: dict[str, tuple[Any, Callable[[list[Any]], Any]]] = {
    "competencies": (SummaryCompetency, _competencies_source),
    "activity": (SummaryActivity, _activity_source),
    "sittings": (SummarySitting, _sittings_source),
}


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
    refresh(session, pack_ids=[pack_id], parts=("competencies", "sittings"))
    return True
