"""The per-learner table behind HR's roster view and exports: a few grouped queries, one pass
each, joined by learner id in Python (one row per learner, never per attempt)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

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
    return list(session.execute(query))


def _among(column: Any, only: Only) -> list[Any]:
    """The condition keeping a page's learners (none: everyone)."""
    return [] if only is None else [column.in_(list(only))]


def _scores(session: Any, packs: Sequence[Pack], flt: CohortFilter | None, fast: bool,
            only: Only = None) -> dict[int, list[tuple[str, float, int]]]:
    found: dict[int, list[tuple[str, float, int]]] = defaultdict(list)
    if fast:
        rank = {c: i for i, c in enumerate(sql.competency_order(packs))}
        per = summaries.competency_sums([p.id for p in packs], flt)
        query = (select(per.c.learner_id, per.c.competency_id, per.c.s, per.c.t, per.c.n)
                 .where(per.c.t > 0, *_among(per.c.learner_id, only)))
        for learner_id, competency, total, weight, count in session.execute(query):
            found[learner_id].append((competency, 100.0 * total / weight, int(count)))
        for entries in found.values():
            entries.sort(key=lambda e: (rank.get(e[0], len(rank)), e[0]))
        return found
    with sql.weights_source(session, packs) as weights:
        per = sql.learner_scores_subquery(weights, flt)
        indices = range(len(weights.competencies))
        columns = [c for i in indices for c in (sql.learner_score(per, i), per.c[f"n{i}"])]
        for learner_id, *values in session.execute(
                select(per.c.learner_id, *columns).where(*_among(per.c.learner_id, only))):
            for i, competency in zip(indices, weights.competencies, strict=True):
                score, count = values[2 * i], values[2 * i + 1]
                if score is not None:
                    found[learner_id].append((competency, float(score), int(count)))
    return found


def _courses(session: Any, packs: Sequence[Pack], flt: CohortFilter | None, fast: bool,
             only: Only = None) -> dict[int, list[tuple[str, int, bool]]]:
    """Per learner: (pack id, completed counted modules, passed) for each course taken."""
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
    found: dict[int, list[tuple[str, int, bool]]] = defaultdict(list)
    for learner_id, pack_id, count, ok in session.execute(query):
        found[learner_id].append((pack_id, int(count), bool(ok)))
    return found


def _activity(session: Any, pack_ids: list[str], flt: CohortFilter | None, fast: bool,
              only: Only = None) -> tuple[dict[int, tuple[int, datetime]], dict[int, datetime]]:
    answers = summaries.activity(pack_ids, flt) if fast else (
        select(Attempt.learner_id, func.count(), func.max(Attempt.started_at))
        .where(Attempt.pack_id.in_(pack_ids), *time_window(Attempt.started_at, flt))
        .group_by(Attempt.learner_id))
    if only is not None:  # the summaries' select has no name for its learner column
        answers = answers.where(answers.selected_columns[0].in_(list(only)))
    study = (select(LessonProgress.learner_id, func.max(LessonProgress.updated_at))
             .where(LessonProgress.pack_id.in_(pack_ids),
                    *time_window(LessonProgress.updated_at, flt),
                    *_among(LessonProgress.learner_id, only))
             .group_by(LessonProgress.learner_id))
    counted = {i: (int(n), last) for i, n, last in session.execute(answers)}
    return counted, {learner_id: last for learner_id, last in session.execute(study)}


def build_learner_table(db: Any, packs: Sequence[Pack], flt: CohortFilter | None, *,
                        course_only: bool, only: Only = None) -> list[LearnerRow]:
    """Assemble ``LearnerRow``s; see ``cohort.learner_table``. ``only``: just these learners'
    rows (a page of HR's table, read before the whole table is), the same values as theirs
    in the whole table."""
    framework = merged_framework(packs)
    totals = {p.id: sum(m.kind != "reference" for m in p.modules) for p in packs}
    fast = bool(packs) and summaries.usable(db, packs, flt)
    with db.reader() as session:
        people = _learners(session, flt, only)
        if not packs:
            scores: dict[int, list[tuple[str, float, int]]] = {}
            courses: dict[int, list[tuple[str, int, bool]]] = {}
            answers: dict[int, tuple[int, datetime]] = {}
            studied: dict[int, datetime] = {}
        else:
            scores = _scores(session, packs, flt, fast, only)
            courses = _courses(session, packs, flt, fast, only)
            answers, studied = _activity(session, list(totals), flt, fast, only)
    rows = []
    for learner_id, employee_no, name, department, job_role in people:
        taken = courses.get(learner_id, [])
        if course_only and not taken:
            continue
        total = sum(totals[p] for p, _, _ in taken)
        completion = 100.0 * sum(d for _, d, _ in taken) / total if total else 0.0
        found = scores.get(learner_id, [])
        levels = {}
        for competency, score, _ in found:
            level = level_for(framework, score) if framework else None
            if level is not None:
                levels[competency] = level.id
        count, last_answer = answers.get(learner_id, (0, None))
        moments = [m for m in (last_answer, studied.get(learner_id)) if m is not None]
        rows.append(LearnerRow(
            learner_id, employee_no, name, department, job_role, completion,
            {c: s for c, s, _ in found}, levels, {c: n for c, _, n in found}, count,
            max(moments) if moments else None, tuple(p for p, _, _ in taken),
            tuple(p for p, _, ok in taken if ok)))
    return rows
