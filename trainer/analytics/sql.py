"""SQL building blocks shared by the cohort figures: the packs as small VALUES tables, the
learner filter, and the per-learner competency and completion subqueries.

The database does the heavy work (GROUP BY over attempts); Python only supplies the pack
structure, which is small (hundreds of rows), as common table expressions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    case,
    column,
    false,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    text,
    values,
)

from trainer.analytics import summaries
from trainer.analytics.assessment import final_assessment
from trainer.analytics.filters import CohortFilter, standing_window, time_window
from trainer.analytics.scoring import assessment_marks, merged_framework
from trainer.content.model import Pack
from trainer.store.models import Attempt, Department, Enrollment, Learner, LessonProgress
from trainer.store.units import within

GROUPINGS = ("department", "role", "all")
POSTGRES_WORK_MEM = "128MB"  # per sort, for this transaction only
TEMP_WEIGHTS = "analytics_weights"  # per connection; a fixed name keeps the SQL cache warm


def job_role_column() -> Any:
    """The learner's job-role profile id (NULL until the store records one)."""
    column_ = getattr(Learner, "job_role", None)
    return column_ if column_ is not None else null()


def assessments_cte(packs: Sequence[Pack]) -> Any:
    """(pack_id, exercise_id, total, pass_mark) for every final-assessment exercise."""
    rows = [(pack.id, exercise, total, mark) for pack in packs
            for exercise, (total, mark) in assessment_marks(pack).items()]
    return values(column("pack_id", String), column("exercise_id", String),
                  column("total", Integer), column("pass_mark", Integer),
                  name="assessed").data(rows or [("", "", 1, 101)]).cte()


def learner_conditions(flt: CohortFilter | None) -> list[Any]:
    """Conditions on Learner (and its Department) for the filter's department (with its
    sub-units) and role."""
    conditions: list[Any] = [Learner.active.is_(True)]
    if flt is not None and flt.department is not None:
        conditions.append(within(Department.name, flt.department))
    if flt is not None and flt.role is not None:
        conditions.append(job_role_column() == flt.role)
    return conditions


def filtered_learners(flt: CohortFilter | None) -> Any:
    """Subquery of learner ids the filter keeps."""
    return (select(Learner.id.label("learner_id"))
            .outerjoin(Department, Department.id == Learner.department_id)
            .where(*learner_conditions(flt)).subquery("kept"))


@dataclass(frozen=True)
class WeightSource:
    """Exercise weights pivoted to one row per exercise: pack_id, exercise_id, w0 … wN."""

    table: Any
    competencies: tuple[str, ...]  # competency id of column w{i}


def competency_order(packs: Sequence[Pack]) -> tuple[str, ...]:
    """Framework order, then any other competency the exercises weigh, alphabetically."""
    framework = merged_framework(packs)
    ordered = [c.id for c in framework.competencies] if framework else []
    extra = sorted({c for p in packs for e in p.exercises() for c in e.weights} - set(ordered))
    return tuple(ordered + extra)


@contextmanager
def weights_source(session: Any, packs: Sequence[Pack]) -> Iterator[WeightSource]:
    """The packs' weights as a table the database can join by key.

    SQLite gets a temporary table with a primary key: it cannot index a VALUES list, and a
    million look-ups into an unindexed one take seconds. PostgreSQL hash-joins a VALUES list.
    """
    competencies = competency_order(packs)
    rows = [{"pack_id": p.id, "exercise_id": e.id,
             **{f"w{i}": float(e.weights.get(c, 0.0)) for i, c in enumerate(competencies)}}
            for p in packs for e in p.exercises() if e.weights]
    columns = [f"w{i}" for i in range(len(competencies))]
    if session.get_bind().dialect.name != "sqlite":
        # the best-result GROUP BY sorts one row per (learner, exercise): in memory, not on disk
        session.execute(text(f"SET LOCAL work_mem = '{POSTGRES_WORK_MEM}'"))
        data = [tuple(r.values()) for r in rows] or [("", "", *(0.0 for _ in columns))]
        yield WeightSource(values(column("pack_id", String), column("exercise_id", String),
                                  *(column(c, Float) for c in columns),
                                  name="weights").data(data).cte(), competencies)
        return
    table = Table(TEMP_WEIGHTS, MetaData(),
                  Column("pack_id", String, primary_key=True),
                  Column("exercise_id", String, primary_key=True),
                  *(Column(c, Float, nullable=False) for c in columns), prefixes=["TEMPORARY"])
    connection = session.connection()
    table.create(connection)
    try:
        if rows:
            connection.execute(insert(table), rows)
        yield WeightSource(table, competencies)
    finally:
        table.drop(connection)


def learner_scores_subquery(weights: WeightSource, flt: CohortFilter | None) -> Any:
    """Per learner: s{i} = Σ weight × best, t{i} = Σ weight, n{i} = exercises, per competency
    (with an end date, as they stood at its end: ``standing_window``).

    The inner GROUP BY reads only the covering index ``ix_attempts_results`` (no date filter).
    """
    w = weights.table
    indices = range(len(weights.competencies))
    best = (select(Attempt.learner_id.label("learner_id"), func.max(Attempt.score).label("best"),
                   *(func.max(w.c[f"w{i}"]).label(f"w{i}") for i in indices))
            .select_from(Attempt)
            .join(w, and_(w.c.pack_id == Attempt.pack_id, w.c.exercise_id == Attempt.exercise_id))
            .where(Attempt.score.is_not(None), *standing_window(Attempt.started_at, flt))
            .group_by(Attempt.learner_id, Attempt.pack_id, Attempt.exercise_id)
            .subquery("best"))
    sums = []
    for i in indices:
        weight = best.c[f"w{i}"]
        sums += [func.sum(best.c.best * weight).label(f"s{i}"), func.sum(weight).label(f"t{i}"),
                 func.sum(case((weight > 0, 1), else_=0)).label(f"n{i}")]
    return select(best.c.learner_id, *sums).group_by(best.c.learner_id).subquery("per_learner")


def learner_score(per: Any, i: int) -> Any:
    """SQL: learner's score 0–100 in competency column i, NULL without evidence."""
    return case((per.c[f"t{i}"] > 0, 100.0 * per.c[f"s{i}"] / per.c[f"t{i}"]), else_=null())


def participants_subquery(pack_ids: Sequence[str], flt: CohortFilter | None, *,
                          summarised: bool = False, only: Collection[int] | None = None) -> Any:
    """(learner_id, pack_id) for everyone enrolled in, studying or answering a pack (with
    ``only``: among those learners, a page of a table, each part restricted before the union)."""
    kept = filtered_learners(flt)
    ids = list(pack_ids)
    answering = (summaries.answered(ids) if summarised else
                 select(Attempt.learner_id, Attempt.pack_id).where(Attempt.pack_id.in_(ids))
                 .group_by(Attempt.learner_id, Attempt.pack_id))
    parts = [
        select(Enrollment.learner_id, Enrollment.pack_id).where(Enrollment.pack_id.in_(ids)),
        select(LessonProgress.learner_id, LessonProgress.pack_id)
        .where(LessonProgress.pack_id.in_(ids)),
        answering,
    ]
    if only is not None:
        parts = [part.where(part.selected_columns[0].in_(list(only))) for part in parts]
    union = parts[0].union(*parts[1:]).subquery("anyone")
    return (select(union.c.learner_id, union.c.pack_id)
            .join(kept, kept.c.learner_id == union.c.learner_id).subquery("participants"))


def completed_subquery(packs: Sequence[Pack], flt: CohortFilter | None, *,
                       summarised: bool = False, only: Collection[int] | None = None) -> Any:
    """(learner_id, pack_id, done) — completed modules that count, per learner and pack.

    The one completion rule HR figures share with what the learner sees
    (``assessment.shown_status``): a final assessment counts as completed only when a sitting
    passed, whatever its stored lesson status says (handing in a failed final used to store
    "completed"); every other counted module by its stored status.

    The counted modules are IN lists per pack, not a joined VALUES table: SQLite would compare
    every progress row with every module.
    """
    finals = {p.id: final.id for p in packs if (final := final_assessment(p)) is not None}
    counted = [and_(LessonProgress.pack_id == p.id, LessonProgress.module_id.in_(
        [m.id for m in p.modules if m.kind != "reference" and m.id != finals.get(p.id)]))
        for p in packs]
    studied = (select(LessonProgress.learner_id.label("learner_id"),
                      LessonProgress.pack_id.label("pack_id"))
               .where(or_(*counted) if counted else false(), LessonProgress.status == "completed",
                      *time_window(LessonProgress.updated_at, flt),
                      *([] if only is None else [LessonProgress.learner_id.in_(list(only))])))
    parts = [studied]
    if finals:
        passed = passed_subquery([p for p in packs if p.id in finals], flt, summarised=summarised)
        parts.append(select(passed.c.learner_id, passed.c.pack_id)
                     .where(*([] if only is None else [passed.c.learner_id.in_(list(only))])))
    done = parts[0].union_all(*parts[1:]).subquery("done_modules")
    return (select(done.c.learner_id, done.c.pack_id, func.count().label("done"))
            .group_by(done.c.learner_id, done.c.pack_id)
            .subquery("completed"))


def passed_subquery(packs: Sequence[Pack], flt: CohortFilter | None, *,
                    summarised: bool = False) -> Any:
    """(learner_id, pack_id) of learners with a final-assessment sitting at the pass mark.

    A sitting is the answers sharing one ``started_at``; unanswered or pending questions count 0.
    """
    if summarised:
        return summaries.passed([p.id for p in packs], flt)
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
