"""SQL building blocks shared by the cohort figures: the packs as small VALUES tables, the
learner filter, and the per-learner competency and completion subqueries.

The database does the heavy work (GROUP BY over attempts); Python only supplies the pack
structure, which is small (hundreds of rows), as common table expressions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Float, Integer, String, and_, column, func, literal, null, select, values

from trainer.analytics.filters import CohortFilter, time_window
from trainer.content.model import Pack
from trainer.store.models import Attempt, Department, Enrollment, Learner, LessonProgress

GROUPINGS = ("department", "role", "all")


def job_role_column() -> Any:
    """The learner's job-role profile id (NULL until the store records one)."""
    column_ = getattr(Learner, "job_role", None)
    return column_ if column_ is not None else null()


def weights_cte(packs: Sequence[Pack]) -> Any:
    """(pack_id, exercise_id, competency_id, weight) for every weighted exercise."""
    rows = [(p.id, e.id, c, float(w)) for p in packs for e in p.exercises()
            for c, w in e.weights.items() if w > 0]
    return values(column("pack_id", String), column("exercise_id", String),
                  column("competency_id", String), column("weight", Float),
                  name="weights").data(rows or [("", "", "", 0.0)]).cte()


def modules_cte(packs: Sequence[Pack]) -> Any:
    """(pack_id, module_id) of the modules that count towards completion (not reference)."""
    rows = [(p.id, m.id) for p in packs for m in p.modules if m.kind != "reference"]
    return values(column("pack_id", String), column("module_id", String),
                  name="counted").data(rows or [("", "")]).cte()


def assessments_cte(packs: Sequence[Pack]) -> Any:
    """(pack_id, exercise_id, total, pass_mark) for every final-assessment exercise."""
    rows = []
    for pack in packs:
        for module in pack.modules:
            if module.kind == "assessment" and module.exercises:
                mark = module.pass_mark if module.pass_mark is not None else pack.pass_mark
                rows += [(pack.id, e.id, len(module.exercises), mark) for e in module.exercises]
    return values(column("pack_id", String), column("exercise_id", String),
                  column("total", Integer), column("pass_mark", Integer),
                  name="assessed").data(rows or [("", "", 1, 101)]).cte()


def learner_conditions(flt: CohortFilter | None) -> list[Any]:
    """Conditions on Learner (and its Department) for the filter's department and role."""
    conditions: list[Any] = [Learner.active.is_(True)]
    if flt is not None and flt.department is not None:
        conditions.append(Department.name == flt.department)
    if flt is not None and flt.role is not None:
        conditions.append(job_role_column() == flt.role)
    return conditions


def filtered_learners(flt: CohortFilter | None) -> Any:
    """Subquery of learner ids the filter keeps."""
    return (select(Learner.id.label("learner_id"))
            .outerjoin(Department, Department.id == Learner.department_id)
            .where(*learner_conditions(flt)).subquery("kept"))


def best_subquery(pack_ids: Sequence[str], flt: CohortFilter | None) -> Any:
    """Best scored result per (learner, pack, exercise), pending answers excluded."""
    kept = filtered_learners(flt)
    return (select(Attempt.learner_id, Attempt.pack_id, Attempt.exercise_id,
                   func.max(Attempt.score).label("best"))
            .join(kept, kept.c.learner_id == Attempt.learner_id)
            .where(Attempt.score.is_not(None), Attempt.pack_id.in_(list(pack_ids)),
                   *time_window(Attempt.started_at, flt))
            .group_by(Attempt.learner_id, Attempt.pack_id, Attempt.exercise_id)
            .subquery("best"))


def learner_scores_subquery(packs: Sequence[Pack], flt: CohortFilter | None) -> Any:
    """(learner_id, competency_id, score 0–100, exercises) — the scoring rule in SQL."""
    best = best_subquery([p.id for p in packs], flt)
    weights = weights_cte(packs)
    score = 100.0 * func.sum(weights.c.weight * best.c.best) / func.sum(weights.c.weight)
    return (select(best.c.learner_id, weights.c.competency_id, score.label("score"),
                   func.count().label("exercises"))
            .join(weights, and_(weights.c.pack_id == best.c.pack_id,
                                weights.c.exercise_id == best.c.exercise_id))
            .group_by(best.c.learner_id, weights.c.competency_id)
            .subquery("learner_scores"))


def participants_subquery(pack_ids: Sequence[str], flt: CohortFilter | None) -> Any:
    """(learner_id, pack_id) for everyone enrolled in, studying or answering a pack."""
    kept = filtered_learners(flt)
    ids = list(pack_ids)
    parts = [
        select(Enrollment.learner_id, Enrollment.pack_id).where(Enrollment.pack_id.in_(ids)),
        select(LessonProgress.learner_id, LessonProgress.pack_id)
        .where(LessonProgress.pack_id.in_(ids)),
        select(Attempt.learner_id, Attempt.pack_id).where(Attempt.pack_id.in_(ids))
        .group_by(Attempt.learner_id, Attempt.pack_id),
    ]
    union = parts[0].union(*parts[1:]).subquery("anyone")
    return (select(union.c.learner_id, union.c.pack_id)
            .join(kept, kept.c.learner_id == union.c.learner_id).subquery("participants"))


def completed_subquery(packs: Sequence[Pack], flt: CohortFilter | None) -> Any:
    """(learner_id, pack_id, done) — completed modules that count, per learner and pack."""
    counted = modules_cte(packs)
    return (select(LessonProgress.learner_id, LessonProgress.pack_id,
                   func.count().label("done"))
            .join(counted, and_(counted.c.pack_id == LessonProgress.pack_id,
                                counted.c.module_id == LessonProgress.module_id))
            .where(LessonProgress.status == "completed",
                   *time_window(LessonProgress.updated_at, flt))
            .group_by(LessonProgress.learner_id, LessonProgress.pack_id)
            .subquery("completed"))


def passed_subquery(packs: Sequence[Pack], flt: CohortFilter | None) -> Any:
    """(learner_id, pack_id) of learners with a final-assessment sitting at the pass mark.

    A sitting is the answers sharing one ``started_at``; unanswered or pending questions count 0.
    """
    assessed = assessments_cte(packs)
    sittings = (select(Attempt.learner_id, Attempt.pack_id,
                       func.sum(func.coalesce(Attempt.score, 0.0)).label("points"),
                       func.max(assessed.c.total).label("total"),
                       func.max(assessed.c.pass_mark).label("pass_mark"))
                .join(assessed, and_(assessed.c.pack_id == Attempt.pack_id,
                                     assessed.c.exercise_id == Attempt.exercise_id))
                .where(*time_window(Attempt.started_at, flt))
                .group_by(Attempt.learner_id, Attempt.pack_id, Attempt.started_at)
                .subquery("sittings"))
    return (select(sittings.c.learner_id, sittings.c.pack_id, literal(1).label("passed"))
            .where(sittings.c.points * 100.0 >= sittings.c.pass_mark * sittings.c.total)
            .group_by(sittings.c.learner_id, sittings.c.pack_id)
            .subquery("passed"))


def group_column(by: str) -> Any:
    """The grouping key: department name, job-role id, or one group for everyone."""
    if by == "department":
        return Department.name
    if by == "role":
        return job_role_column()
    if by == "all":
        return null()
    raise ValueError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")


def restrict(packs: Sequence[Pack], flt: CohortFilter | None) -> list[Pack]:
    """The packs a filter covers: all given, or only the filter's course."""
    if flt is None or flt.course is None:
        return list(packs)
    return [p for p in packs if p.id == flt.course]
