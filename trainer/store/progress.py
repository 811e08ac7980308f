"""Enrolment, lesson progress, active time and attempts. Each call is one transaction.

Progress never goes backwards: a completed lesson stays completed when it is opened again.
Attempts are append-only; a retry is a new attempt, and the best one counts.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from trainer.store import credits, summary, validate
from trainer.store import review as reviews
from trainer.store.db import Database
from trainer.store.errors import Duplicate, InvalidValue, NotFound
from trainer.store.info import AttemptInfo, LessonState
from trainer.store.models import LESSON_STATUSES, Attempt, Enrollment, Learner, LessonProgress
from trainer.store.types import utcnow

_RANK = {status: rank for rank, status in enumerate(LESSON_STATUSES)}
MAX_ADD_SECONDS = 24 * 3600


def _require_learner(session: Session, learner_id: int) -> None:
    if session.get(Learner, learner_id) is None:
        raise NotFound(f"There is no learner with id {learner_id}.")


def _enroll(session: Session, learner_id: int, pack_id: str) -> bool:
    query = select(Enrollment.id).where(Enrollment.learner_id == learner_id,
                                        Enrollment.pack_id == pack_id)
    if session.scalars(query).first() is not None:
        return False
    session.add(Enrollment(learner_id=learner_id, pack_id=pack_id))
    session.flush()
    return True


def enroll(db: Database, learner_id: int, pack_id: str) -> bool:
    """Enrol in a pack; True when new, False when already enrolled."""
    pack_id = validate.pack_key(pack_id, "pack id")
    with db.session() as session:
        _require_learner(session, learner_id)
        return _enroll(session, learner_id, pack_id)


def enrollments(db: Database, learner_id: int) -> list[str]:
    """Pack ids the learner is enrolled in, oldest enrolment first."""
    with db.reader() as session:
        query = (select(Enrollment.pack_id).where(Enrollment.learner_id == learner_id)
                 .order_by(Enrollment.enrolled_at, Enrollment.id))
        return list(session.scalars(query))


def _state(row: LessonProgress) -> LessonState:
    return LessonState(row.pack_id, row.module_id, row.status, row.seconds, row.position,
                       row.updated_at)


def record_lesson_progress(db: Database, learner_id: int, pack_id: str, module_id: str, *,
                           status: str | None = None, add_seconds: float = 0,
                           position: Any = None) -> LessonState:
    """Add study time, move the status forward and remember where the learner is."""
    pack_id = validate.pack_key(pack_id, "pack id")
    module_id = validate.pack_key(module_id, "module id")
    if status is not None:
        status = validate.lesson_status(status)
    if not 0 <= add_seconds <= MAX_ADD_SECONDS:
        raise InvalidValue(f"Study time to add must be 0..{MAX_ADD_SECONDS} s, not {add_seconds}.")
    position = validate.json_value(position, "reading position")
    with db.session() as session:
        _require_learner(session, learner_id)
        _enroll(session, learner_id, pack_id)
        row = session.scalars(select(LessonProgress).where(
            LessonProgress.learner_id == learner_id, LessonProgress.pack_id == pack_id,
            LessonProgress.module_id == module_id)).first()
        if row is None:
            row = LessonProgress(learner_id=learner_id, pack_id=pack_id, module_id=module_id,
                                 status="in_progress", seconds=0)
            session.add(row)
        if status is not None and _RANK[status] > _RANK[row.status]:
            row.status = status
            if status == "completed":  # its 学时 are earned now, in this transaction
                row.completed_at = utcnow()
                session.flush()
                credits.note_completion(session, learner_id, pack_id, module_id,
                                        row.completed_at)
        # the total stays within the store's rule (10,000 hours), which bundles must obey too
        row.seconds = min(row.seconds + round(add_seconds), validate.MAX_LESSON_SECONDS)
        if position is not None:
            row.position = position
        row.updated_at = utcnow()
        session.flush()
        return _state(row)


def lesson_states(db: Database, learner_id: int, pack_id: str) -> dict[str, LessonState]:
    """Progress per module id for one pack (modules never opened are absent)."""
    with db.reader() as session:
        rows = session.scalars(select(LessonProgress).where(
            LessonProgress.learner_id == learner_id, LessonProgress.pack_id == pack_id))
        return {row.module_id: _state(row) for row in rows}


def last_position(db: Database, learner_id: int) -> LessonState | None:
    """The lesson the learner touched most recently, to offer "continue where you left off"."""
    with db.reader() as session:
        row = session.scalars(select(LessonProgress)
                              .where(LessonProgress.learner_id == learner_id)
                              .order_by(LessonProgress.updated_at.desc(), LessonProgress.id.desc())
                              .limit(1)).first()
        return _state(row) if row else None


def attempt_info(row: Attempt) -> AttemptInfo:
    return AttemptInfo(row.id, row.learner_id, row.pack_id, row.pack_version, row.exercise_id,
                       row.response, row.score, dict(row.weights or {}), row.started_at,
                       row.finished_at, row.device_id, row.recorded_at)


def record_attempt(db: Database, learner_id: int, pack_id: str, pack_version: str,
                   exercise_id: str, response: Any, score: float | None,
                   weights: dict[str, float], started_at: datetime,
                   finished_at: datetime | None = None, *, attempt_id: uuid.UUID | None = None,
                   device_id: uuid.UUID | None = None,
                   review: reviews.ReviewNote | None = None) -> AttemptInfo:
    """Save one answer, committed before returning. ``attempt_id``/``device_id`` are for merges;
    ``review`` also schedules the exercise for spaced review (``store.review``), in the same
    transaction."""
    score = validate.score(score)
    # Written with a Core INSERT: the ORM's unit of work (identity map, flush plan, events) was
    # about 40 % of this call, and an attempt is append-only: nothing reads the object back.
    values = dict(id=attempt_id or uuid.uuid4(), learner_id=learner_id,
                  pack_id=validate.pack_key(pack_id, "pack id"),
                  pack_version=validate.version(pack_version),
                  exercise_id=validate.pack_key(exercise_id, "exercise id"),
                  response=validate.json_value(response, "answer"),
                  score=score, weights=validate.weights(weights),
                  started_at=validate.moment(started_at, "start time"),
                  finished_at=validate.moment(finished_at or utcnow(), "finish time"),
                  device_id=device_id or db.device_id, recorded_at=utcnow())
    row = AttemptInfo(**values)
    key = (learner_id, row.pack_id)
    try:
        with db.session() as session:
            if key not in db.enrolled:  # saves a query on every answer after the first
                _enroll(session, learner_id, row.pack_id)
            final = summary.note_attempt(session, learner_id, row.pack_id, row.exercise_id,
                                         score, row.started_at)  # before the row is written
            session.execute(insert(Attempt.__table__), [values])
            if review is not None:
                reviews.note(session, learner_id, row.pack_id, row.exercise_id, row.id, score,
                             row.started_at, row.finished_at or row.started_at, review)
                session.flush()
            if final:  # a final-assessment sitting that now passes earns its 学时 here
                credits.note_sitting(session, learner_id, row.pack_id, row.started_at)
        db.enrolled.add(key)  # only once committed
        return row
    except IntegrityError as exc:
        with db.reader() as session:
            if session.get(Learner, learner_id) is None:
                raise NotFound(f"There is no learner with id {learner_id}.") from exc
        raise Duplicate(f"The attempt {row.id} is already recorded.") from exc


def attempts(db: Database, learner_id: int, pack_id: str | None = None) -> list[AttemptInfo]:
    """The learner's history, oldest first."""
    stmt = select(Attempt).where(Attempt.learner_id == learner_id)
    if pack_id is not None:
        stmt = stmt.where(Attempt.pack_id == pack_id)
    with db.reader() as session:
        return [attempt_info(row) for row in
                session.scalars(stmt.order_by(Attempt.started_at, Attempt.recorded_at))]


def best_scores(db: Database, learner_id: int, pack_id: str) -> dict[str, float]:
    """Best graded score per exercise id (ungraded attempts are left out)."""
    stmt = (select(Attempt.exercise_id, func.max(Attempt.score))
            .where(Attempt.learner_id == learner_id, Attempt.pack_id == pack_id,
                   Attempt.score.is_not(None))
            .group_by(Attempt.exercise_id))
    with db.reader() as session:
        return {exercise: float(score) for exercise, score in session.execute(stmt)}
