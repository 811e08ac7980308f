"""One learner's results: competency scores, completion, time and activity, wrong answers.

Each function reads with one short query and applies the rules of ``scoring``; a learner with
thousands of attempts costs one indexed GROUP BY, not a walk over ORM objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, select

from trainer.analytics.assessment import assessment_result, shown_status
from trainer.analytics.filters import CohortFilter, standing_window
from trainer.analytics.scoring import (
    MASTERED,
    CompetencyScore,
    ExerciseKey,
    exercise_weights,
    merged_framework,
    score_competencies,
)
from trainer.content.model import Pack
from trainer.store.models import Attempt, LessonProgress


@dataclass(frozen=True)
class ModuleCompletion:
    module_id: str
    title: str
    kind: str
    status: str  # not_started | in_progress | completed
    answered: int  # exercises with at least one scored attempt
    exercises: int
    seconds: int


@dataclass(frozen=True)
class CourseCompletion:
    pack_id: str
    title: str
    percent: float  # completed counted modules ÷ counted modules × 100 (reference not counted)
    seconds: int
    modules: tuple[ModuleCompletion, ...]


@dataclass(frozen=True)
class WrongExercise:
    pack_id: str
    module_id: str
    exercise_id: str
    best: float  # best result 0..1 so far (below MASTERED)
    tries: int
    last_at: datetime


def best_scores(db: Any, learner_id: int, pack_ids: Sequence[str] | None = None,
                flt: CohortFilter | None = None) -> dict[ExerciseKey, float]:
    """Best scored result (0..1) per (pack, exercise) for one learner; pending answers skipped.
    With a filter: among the answers before its end (where the learner stood then)."""
    query = (select(Attempt.pack_id, Attempt.exercise_id, func.max(Attempt.score))
             .where(Attempt.learner_id == learner_id, Attempt.score.is_not(None),
                    *standing_window(Attempt.started_at, flt))
             .group_by(Attempt.pack_id, Attempt.exercise_id))
    if pack_ids is not None:
        query = query.where(Attempt.pack_id.in_(list(pack_ids)))
    with db.reader() as session:
        return {(p, e): float(s) for p, e, s in session.execute(query)}


def competency_scores(db: Any, learner_id: int, packs: Iterable[Pack], *,
                      since: date | None = None, until: date | None = None
                      ) -> dict[str, CompetencyScore]:
    """The learner's score per competency over the given packs (see ``scoring``); with
    ``until``, as it stood at the end of that day (``since`` does not limit a score)."""
    packs = list(packs)
    flt = CohortFilter(since=since, until=until) if since or until else None
    best = best_scores(db, learner_id, [p.id for p in packs], flt)
    return score_competencies(best, exercise_weights(packs), merged_framework(packs))


def _module_rows(db: Any, learner_id: int, pack_id: str) -> dict[str, tuple[str, int]]:
    query = (select(LessonProgress.module_id, LessonProgress.status, LessonProgress.seconds)
             .where(LessonProgress.learner_id == learner_id, LessonProgress.pack_id == pack_id))
    with db.reader() as session:
        return {m: (status, seconds) for m, status, seconds in session.execute(query)}


def completion(db: Any, learner_id: int, pack: Pack) -> CourseCompletion:
    """Status, answered exercises and time per module, and the course's completion percentage."""
    states = _module_rows(db, learner_id, pack.id)
    answered = set(best_scores(db, learner_id, [pack.id]))
    sitting = assessment_result(db, learner_id, pack)
    modules = []
    for module in pack.modules:
        status, seconds = states.get(module.id, ("not_started", 0))
        status = shown_status(module, status, sitting)  # a failed final is not complete
        done = sum(1 for e in module.exercises if (pack.id, e.id) in answered)
        size = module.sitting_size  # a question pool: the questions of one sitting
        modules.append(ModuleCompletion(module.id, module.title, module.kind, status,
                                        min(done, size), size, seconds))
    counted = [m for m in modules if m.kind != "reference"]
    percent = (100.0 * sum(m.status == "completed" for m in counted) / len(counted)
               if counted else 0.0)
    return CourseCompletion(pack.id, pack.title, percent, sum(m.seconds for m in modules),
                            tuple(modules))


def time_spent(db: Any, learner_id: int) -> dict[str, int]:
    """Seconds of study per pack id (lesson time as the reader counts it)."""
    query = (select(LessonProgress.pack_id, func.sum(LessonProgress.seconds))
             .where(LessonProgress.learner_id == learner_id)
             .group_by(LessonProgress.pack_id))
    with db.reader() as session:
        return {pack_id: int(seconds or 0) for pack_id, seconds in session.execute(query)}


def activity_by_day(db: Any, learner_id: int, *, days: int = 182,
                    tz: tzinfo | None = None, today: date | None = None) -> dict[date, int]:
    """Answers given per local calendar day over the last ``days`` days (days without any omitted)."""
    zone = tz or datetime.now().astimezone().tzinfo or UTC
    last = today or datetime.now(zone).date()
    first = last - timedelta(days=days - 1)
    start = datetime.combine(first, datetime.min.time(), zone) - timedelta(days=1)
    query = select(Attempt.started_at).where(Attempt.learner_id == learner_id,
                                             Attempt.started_at >= start)
    counts: dict[date, int] = {}
    with db.reader() as session:
        for (started,) in session.execute(query):
            day = started.astimezone(zone).date()
            if first <= day <= last:
                counts[day] = counts.get(day, 0) + 1
    return counts


def last_active(db: Any, learner_id: int) -> datetime | None:
    """When the learner last answered or studied, whichever is later."""
    with db.reader() as session:
        answered = session.scalar(select(func.max(Attempt.started_at))
                                  .where(Attempt.learner_id == learner_id))
        studied = session.scalar(select(func.max(LessonProgress.updated_at))
                                 .where(LessonProgress.learner_id == learner_id))
    found = [moment for moment in (answered, studied) if moment is not None]
    return max(found) if found else None


def wrong_exercises(db: Any, learner_id: int, packs: Iterable[Pack]) -> list[WrongExercise]:
    """Practice exercises answered but not yet mastered, most recent first: the retry list."""
    packs = {p.id: p for p in packs}
    query = (select(Attempt.pack_id, Attempt.exercise_id, func.max(Attempt.score),
                    func.count(), func.max(Attempt.started_at))
             .where(Attempt.learner_id == learner_id, Attempt.score.is_not(None),
                    Attempt.pack_id.in_(list(packs)))
             .group_by(Attempt.pack_id, Attempt.exercise_id)
             .having(func.max(Attempt.score) < MASTERED))
    wrong = []
    with db.reader() as session:
        for pack_id, exercise_id, best, tries, last in session.execute(query):
            try:
                exercise = packs[pack_id].exercise(exercise_id)
            except KeyError:  # removed from the pack since: nothing to retry
                continue
            if packs[pack_id].module(exercise.module_id).kind == "assessment":
                continue  # assessment questions are answered in a sitting, not practised
            wrong.append(WrongExercise(pack_id, exercise.module_id, exercise_id, float(best),
                                       int(tries), last))
    wrong.sort(key=lambda w: w.last_at, reverse=True)
    return wrong
