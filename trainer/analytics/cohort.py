"""Cohort figures for HR: by department, by job role or for the whole organisation.

Each figure is one SQL statement (GROUP BY in the database), so 10,000 learners with a million
attempts cost one pass over the attempts index, not a Python loop. ``learner_table`` gives one
row per learner from the same subqueries, so a report's rows add up to its totals.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, null, select

from trainer.analytics import sql, summaries
from trainer.analytics.filters import CohortFilter
from trainer.analytics.scoring import level_for, merged_framework
from trainer.content.model import Pack
from trainer.store.models import Department, Learner


@dataclass(frozen=True)
class CohortCompetencyRow:
    group: str | None  # department name / job-role id; None for "all" or when not recorded
    competency_id: str
    learners: int  # learners with evidence in this competency
    score: float  # mean of their scores, 0–100
    level: int | None  # framework level id the mean reaches


@dataclass(frozen=True)
class CohortCompletionRow:
    group: str | None
    pack_id: str
    learners: int  # enrolled, studying or answering
    percent: float  # mean completion, 0–100
    completed: int  # learners who completed every counted module
    passed: int  # learners who passed the final assessment


def cohort_competency(db: Any, packs: Iterable[Pack], *, by: str = "department",
                      filters: CohortFilter | None = None) -> list[CohortCompetencyRow]:
    """Mean competency score per group, over learners who have evidence in that competency."""
    packs = sql.restrict(list(packs), filters)
    group = sql.group_column(by)
    if not packs:
        return []
    framework = merged_framework(packs)
    order = sql.competency_order(packs)
    if summaries.usable(db, packs, filters):
        figures = _summarised_competency(db, [p.id for p in packs], group, by, filters)
    else:
        figures = _attempts_competency(db, packs, group, by, filters)
    rows = []
    rank = {competency: i for i, competency in enumerate(order)}
    for grp, competency, learners, mean in sorted(
            figures, key=lambda f: (f[0] is None, f[0] or "", rank.get(f[1], len(rank)), f[1])):
        if not learners:
            continue
        level = level_for(framework, float(mean)) if framework else None
        rows.append(CohortCompetencyRow(grp, competency, int(learners), float(mean),
                                        level.id if level else None))
    return rows


Figure = tuple[str | None, str, int, float | None]  # group, competency, learners, mean score


def _summarised_competency(db: Any, pack_ids: list[str], group: Any, by: str,
                           filters: CohortFilter | None) -> list[Figure]:
    """From the store's per-learner competency sums: thousands of rows, not every attempt."""
    per = summaries.competency_sums(pack_ids, filters)
    score = case((per.c.t > 0, 100.0 * per.c.s / per.c.t), else_=null())
    keys = [per.c.competency_id] if by == "all" else [group, per.c.competency_id]
    query = (select(group.label("grp"), per.c.competency_id, func.count(score), func.avg(score))
             .select_from(per)
             .join(Learner, Learner.id == per.c.learner_id)
             .outerjoin(Department, Department.id == Learner.department_id)
             .where(*sql.learner_conditions(filters))
             .group_by(*keys))  # PostgreSQL refuses GROUP BY a constant (by="all")
    with db.reader() as session:
        return [(grp, competency, learners, mean)
                for grp, competency, learners, mean in session.execute(query)]


def _attempts_competency(db: Any, packs: list[Pack], group: Any, by: str,
                         filters: CohortFilter | None) -> list[Figure]:
    """From the attempts themselves (a date range, or a database that cannot be written)."""
    found: list[Figure] = []
    with db.reader() as session, sql.weights_source(session, packs) as weights:
        per = sql.learner_scores_subquery(weights, filters)
        indices = range(len(weights.competencies))
        figures = []
        for i in indices:
            figures += [func.count(sql.learner_score(per, i)), func.avg(sql.learner_score(per, i))]
        query = (select(group.label("grp"), *figures)
                 .select_from(per)
                 .join(Learner, Learner.id == per.c.learner_id)
                 .outerjoin(Department, Department.id == Learner.department_id)
                 .where(*sql.learner_conditions(filters)))
        if by != "all":  # PostgreSQL refuses GROUP BY a constant
            query = query.group_by(group)
        for grp, *values in session.execute(query):
            found += [(grp, competency, values[2 * i], values[2 * i + 1])
                      for i, competency in zip(indices, weights.competencies, strict=True)]
    return found


def cohort_completion(db: Any, packs: Iterable[Pack], *, by: str = "department",
                      filters: CohortFilter | None = None) -> list[CohortCompletionRow]:
    """Participants, mean completion, completions and passes per group and course."""
    packs = sql.restrict(list(packs), filters)
    if not packs:
        return []
    group = sql.group_column(by)
    totals = {p.id: sum(m.kind != "reference" for m in p.modules) for p in packs}
    fast = summaries.usable(db, packs, filters)
    part = sql.participants_subquery(list(totals), filters, summarised=fast)
    done = sql.completed_subquery(packs, filters, summarised=fast)
    passed = sql.passed_subquery(packs, filters, summarised=fast)
    joined = and_(done.c.learner_id == part.c.learner_id, done.c.pack_id == part.c.pack_id)
    query = (select(group.label("grp"), part.c.pack_id, func.count(),
                    func.sum(func.coalesce(done.c.done, 0)),
                    func.sum(func.coalesce(passed.c.passed, 0)),
                    _count_complete(part, done, totals))
             .select_from(part)
             .join(Learner, Learner.id == part.c.learner_id)
             .outerjoin(Department, Department.id == Learner.department_id)
             .outerjoin(done, joined)
             .outerjoin(passed, and_(passed.c.learner_id == part.c.learner_id,
                                     passed.c.pack_id == part.c.pack_id)))
    keys = [part.c.pack_id] if by == "all" else [group, part.c.pack_id]
    query = query.group_by(*keys).order_by(*keys)
    rows = []
    with db.reader() as session:
        for grp, pack_id, learners, modules_done, passes, complete in session.execute(query):
            total = totals[pack_id]
            percent = 100.0 * float(modules_done or 0) / (total * learners) if total else 0.0
            rows.append(CohortCompletionRow(grp, pack_id, int(learners), percent,
                                            int(complete or 0), int(passes or 0)))
    return rows


def _count_complete(part: Any, done: Any, totals: dict[str, int]) -> Any:
    """SQL: how many participants completed every counted module of their pack."""
    whens = [(and_(part.c.pack_id == pack_id, func.coalesce(done.c.done, 0) >= total), 1)
             for pack_id, total in totals.items() if total]
    if not whens:
        return func.sum(0)
    return func.sum(case(*whens, else_=0))


@dataclass(frozen=True)
class LearnerRow:
    learner_id: int
    employee_no: str
    name: str
    department: str | None
    job_role: str | None
    completion: float  # % of counted modules completed over the courses they take part in
    scores: dict[str, float] = field(default_factory=dict)  # competency → 0–100 (evidence only)
    levels: dict[str, int] = field(default_factory=dict)  # competency → level id
    exercises: dict[str, int] = field(default_factory=dict)  # competency → evidence count
    attempts: int = 0
    last_active: datetime | None = None
    courses: tuple[str, ...] = ()  # pack ids they take part in
    passed: tuple[str, ...] = ()  # pack ids whose final assessment they passed


def learner_table(db: Any, packs: Iterable[Pack], filters: CohortFilter | None = None,
                  only: Collection[int] | None = None) -> list[LearnerRow]:
    """One row per learner the filter keeps (with a course filter: its participants only);
    with ``only``, just those learners' rows (a page of a long table)."""
    from trainer.analytics.table import build_learner_table

    return build_learner_table(db, sql.restrict(list(packs), filters), filters,
                               course_only=filters is not None and filters.course is not None,
                               only=only)


def competency_ids(packs: Sequence[Pack]) -> list[str]:
    """Competency ids in framework order, for table columns and chart axes."""
    framework = merged_framework(packs)
    return [c.id for c in framework.competencies] if framework else []
