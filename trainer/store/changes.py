"""What changed since a moment: for progress bundles, incremental reports and refreshing views.

Attempts are selected by when this database recorded them (``recorded_at``), not when they
were answered, so attempts merged from another machine count as changes here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from trainer.store.db import Database
from trainer.store.info import AttemptInfo, LearnerInfo, LessonState
from trainer.store.learners import to_info
from trainer.store.models import Attempt, Learner, LessonProgress
from trainer.store.progress import attempt_info
from trainer.store.types import as_utc


@dataclass(frozen=True)
class Changes:
    since: datetime
    learners: list[LearnerInfo]
    lessons: list[tuple[int, LessonState]]  # (learner id, state)
    attempts: list[AttemptInfo]

    def __bool__(self) -> bool:
        return bool(self.learners or self.lessons or self.attempts)


def changed_since(db: Database, since: datetime) -> Changes:
    """Learners, lesson progress and attempts changed at or after ``since`` (oldest first)."""
    moment = as_utc(since)
    with db.reader() as session:
        learners = [to_info(row) for row in session.scalars(
            select(Learner).where(Learner.updated_at >= moment).order_by(Learner.updated_at))]
        lessons = [(row.learner_id, _lesson(row)) for row in session.scalars(
            select(LessonProgress).where(LessonProgress.updated_at >= moment)
            .order_by(LessonProgress.updated_at))]
        found = [attempt_info(row) for row in session.scalars(
            select(Attempt).where(Attempt.recorded_at >= moment).order_by(Attempt.recorded_at))]
    return Changes(moment, learners, lessons, found)


def _lesson(row: LessonProgress) -> LessonState:
    return LessonState(row.pack_id, row.module_id, row.status, row.seconds, row.position,
                       row.updated_at)
