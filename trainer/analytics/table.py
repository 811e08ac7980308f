"""The per-learner table behind HR's roster view and exports: a few grouped queries, one pass
each, joined by learner id in Python (one row per learner, never per attempt)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, literal, select

from trainer.analytics import sql, summaries
from trainer.analytics.cohort import LearnerRow
from trainer.analytics.filters import CohortFilter, time_window
from trainer.analytics.scoring import level_for, merged_framework
from trainer.content.model import Pack
from trainer.store.models import Attempt, Department, Learner, LessonProgress

Only = Collection[int] | None  # a page's learner ids, or everyone


def _learners(session: Any, flt: CohortFilter | None, only: Only) -> list[Any]:
    query = (select(Learner.id, Learner.employee_no, Learner.name, Department.name,
                    sql.job_role_column())
             .outerjoin(Department, Department.id == Learner.department_id)
             .where(*sql.learner_conditions(flt), *_among(Learner.id, only))
             .order_by(Department.name, Learner.employee_no))
    return list(session.connection().execute(query))


def _among(column: Any, only: Only) -> list[Any]:
    """The condition keeping a page's learners (none: everyone)."""
    return [] if only is None else [column.in_(list(only))]


Scores = dict[int, tuple[Any, ...]]  # learner id → (score 0–100 or None, exercises) per competency


def _scores(session: Any, packs: Sequence[Pack], flt: CohortFilter | None, fast: bool,
            only: Only = None) -> tuple[tuple[str, ...], Scores]:
    """Per learner one row: score and evidence count for each competency (in ``competencies``'
    order), pivoted in SQL, so Python reads a row per learner, never one per competency."""
    if fast:
        order = sql.competency_order(packs)
        per = summaries.competency_sums([p.id for p in packs], flt)
        columns = []
        for competency in order:
            mine = per.c.competency_id == competency
            columns += [func.max(case((mine, 100.0 * per.c.s / per.c.t))),
                        func.max(case((mine, per.c.n)))]
        query = (select(per.c.learner_id, *columns)
                 .where(per.c.t > 0, *_among(per.c.learner_id, only))
                 .group_by(per.c.learner_id))
        return order, {learner_id: tuple(values)
                       for learner_id, *values in session.connection().execute(query)}
    with sql.weights_source(session, packs) as weights:
        per = sql.learner_scores_subquery(weights, flt)
        indices = range(len(weights.competencies))
        columns = [c for i in indices for c in (sql.learner_score(per, i), per.c[f"n{i}"])]
        query = select(per.c.learner_id, *columns).where(*_among(per.c.learner_id, only))
        return weights.competencies, {learner_id: tuple(values) for learner_id, *values
                                      in session.connection().execute(query)}


def _level(framework: Any, score: float) -> int | None:
    """The id of the framework level the score reaches (``scoring.level_for``), or None."""
    found = level_for(framework, score) if framework else None
    return found.id if found is not None else None


Taken = tuple[tuple[str, ...], tuple[str, ...], float]  # courses, passed, completion %


def _courses(session: Any, packs: Sequence[Pack], flt: CohortFilter | None, fast: bool,
             only: Only = None) -> dict[int, Taken]:
    """Per learner: the courses taken, those whose final they passed, and the % of counted
    modules completed over those courses."""
    part = sql.participants_subquery([p.id for p in packs], flt, summarised=fast, only=only)
    done = sql.completed_subquery(packs, flt, summarised=fast, only=only)
    passed = sql.passed_subquery(packs, flt, summarised=fast)
    query = (select(part.c.learner_id, part.c.pack_id, func.coalesce(done.c.done, 0),
                    func.coalesce(passed.c.passed, 0))
             .select_from(part)
             .outerjoin(done, (done.c.learner_id == part.c.learner_id)
                        & (done.c.pack_id == part.c.pack_id))
             .outerjoin(passed, (passed.c.learner_id == part.c.learner_id)
                        & (passed.c.pack_id == part.c.pack_id))
             .where(*_among(part.c.learner_id, only)))
    totals = {p.id: sum(m.kind != "reference" for m in p.modules) for p in packs}
    found: dict[int, tuple[list[str], list[str], list[int]]] = {}
    for learner_id, pack_id, count, ok in session.connection().execute(query):
        taken, passes, sums = found.setdefault(learner_id, ([], [], [0, 0]))
        taken.append(pack_id)
        if ok:
            passes.append(pack_id)
        sums[0] += int(count)
        sums[1] += totals[pack_id]
    return {learner_id: (tuple(taken), tuple(passes), 100.0 * done / total if total else 0.0)
            for learner_id, (taken, passes, (done, total)) in found.items()}


def _activity(session: Any, pack_ids: list[str], flt: CohortFilter | None, fast: bool,
              only: Only = None) -> dict[int, tuple[int, datetime | None]]:
    """Per learner: answers in the packs (and the filter's days) and the latest moment of
    activity, answering or studying; one row per learner, the latest of the two taken in SQL."""
    answers = summaries.activity(pack_ids, flt) if fast else (
        select(Attempt.learner_id, func.count(), func.max(Attempt.started_at))
        .where(Attempt.pack_id.in_(pack_ids), *time_window(Attempt.started_at, flt))
        .group_by(Attempt.learner_id))
    if only is not None:  # the summaries' select has no name for its learner column
        answers = answers.where(answers.selected_columns[0].in_(list(only)))
    study = (select(LessonProgress.learner_id, literal(0), func.max(LessonProgress.updated_at))
             .where(LessonProgress.pack_id.in_(pack_ids),
                    *time_window(LessonProgress.updated_at, flt),
                    *_among(LessonProgress.learner_id, only))
             .group_by(LessonProgress.learner_id))
    both = answers.union_all(study).subquery("active")
    learner, count, last = both.c
    query = select(learner, func.sum(count), func.max(last)).group_by(learner)
    return {i: (int(n), moment) for i, n, moment in session.connection().execute(query)}


def build_learner_table(db: Any, packs: Sequence[Pack], flt: CohortFilter | None, *,
                        course_only: bool, only: Only = None) -> list[LearnerRow]:
    """Assemble ``LearnerRow``s; see ``cohort.learner_table``. ``only``: just these learners'
    rows (a page of HR's table, read before the whole table is), the same values as theirs
    in the whole table."""
    framework = merged_framework(packs)
    pack_ids = [p.id for p in packs]
    fast = bool(packs) and summaries.usable(db, packs, flt)
    competencies: tuple[str, ...] = ()
    scores: Scores = {}
    courses: dict[int, Taken] = {}
    active: dict[int, tuple[int, datetime | None]] = {}
    with db.reader() as session:
        people = _learners(session, flt, only)
        if packs:
            competencies, scores = _scores(session, packs, flt, fast, only)
            courses = _courses(session, packs, flt, fast, only)
            active = _activity(session, pack_ids, flt, fast, only)
    pairs = [(c, 2 * i) for i, c in enumerate(competencies)]
    known: dict[float, int | None] = {}  # score → level id: far fewer scores than cells
    nothing: Taken = ((), (), 0.0)
    rows = []
    for learner_id, employee_no, name, department, job_role in people:
        taken, passes, completion = courses.get(learner_id, nothing)
        if course_only and not taken:
            continue
        marks: dict[str, float] = {}
        levels: dict[str, int] = {}
        counts: dict[str, int] = {}
        values = scores.get(learner_id)
        if values is not None:
            for competency, i in pairs:
                if values[i] is not None:
                    marks[competency] = score = float(values[i])
                    counts[competency] = int(values[i + 1])
                    if score not in known:
                        known[score] = _level(framework, score)
                    if (found := known[score]) is not None:
                        levels[competency] = found
        count, last = active.get(learner_id, (0, None))
        rows.append(LearnerRow(learner_id, employee_no, name, department, job_role, completion,
                               marks, levels, counts, count, last, taken, passes))
    return rows
