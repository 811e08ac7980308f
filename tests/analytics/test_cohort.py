"""Cohort aggregates (SQL) must equal a slow reference built from the scoring rules per learner."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, delete, insert
from sqlalchemy.engine import make_url

from tests.analytics.builders import T0, mini_pack
from tests.store.conftest import BACKENDS, postgres_url
from trainer.analytics.assessment import assessment_result, final_assessment
from trainer.analytics.cohort import cohort_competency, cohort_completion, learner_table
from trainer.analytics.filters import CohortFilter
from trainer.analytics.scoring import best_results, exercise_weights, score_competencies
from trainer.config import Paths
from trainer.store.bulk import insert_attempts
from trainer.store.db import open_database
from trainer.store.models import Attempt, Department, Enrollment, Learner, LessonProgress
from trainer.store.progress import record_attempt

PACK = mini_pack()
OTHER = mini_pack("other")
EXERCISES = [e.id for e in PACK.exercises()]
DEPARTMENTS = ["市数据局", "民政局", None]
MODULES = [m.id for m in PACK.modules]


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory):
    """One database per backend for the whole module (examples clear it before seeding)."""
    paths = Paths(tmp_path_factory.mktemp("cohort")).ensure()
    if request.param == "sqlite":
        database = open_database(paths)
        yield database
        database.close()
        return
    base = postgres_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    database = open_database(paths, url.render_as_string(hide_password=False))
    try:
        yield database
    finally:
        database.close()
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


attempt_st = st.tuples(st.integers(0, 5), st.sampled_from(["mini", "other"]),
                       st.sampled_from(EXERCISES),
                       st.one_of(st.none(), st.sampled_from([0.0, 0.25, 0.5, 0.8, 1.0])),
                       st.integers(0, 10))
progress_st = st.tuples(st.integers(0, 5), st.sampled_from(MODULES),
                        st.sampled_from(["in_progress", "completed"]))
world_st = st.tuples(st.lists(st.sampled_from(DEPARTMENTS), min_size=1, max_size=6),
                     st.lists(attempt_st, max_size=40), st.lists(progress_st, max_size=12))


def _seed(db, departments, attempts, progress) -> list[int]:
    with db.session() as s:
        for table in (Attempt, LessonProgress, Enrollment, Learner, Department):
            s.execute(delete(table))
        ids = {}
        for name in {d for d in departments if d}:
            ids[name] = s.execute(insert(Department).values(name=name)
                                  .returning(Department.id)).scalar_one()
        learners = []
        for i, dept in enumerate(departments):
            learners.append(s.execute(insert(Learner).values(
                employee_no=f"E{i}", name=f"L{i}", department_id=ids.get(dept), role="learner")
                .returning(Learner.id)).scalar_one())
        seen = set()
        for i, module_id, status in progress:
            key = (learners[i % len(learners)], module_id)
            if key in seen:
                continue
            seen.add(key)
            s.execute(insert(LessonProgress).values(
                learner_id=key[0], pack_id="mini", module_id=module_id, status=status,
                seconds=60, updated_at=T0))
    # through the store, which keeps its summaries in step (as every writer must)
    insert_attempts(db, [dict(id=uuid.uuid4(), learner_id=learners[i % len(learners)], pack_id=p,
                              pack_version="1", exercise_id=e, response={}, score=sc, weights={},
                              started_at=T0 + timedelta(days=d))
                         for i, p, e, sc, d in attempts])
    return learners


def _reference(departments, learners, attempts, flt):
    """Per department: competency → list of learner scores (the slow, obvious way): with
    dates, where each learner stood at the end of the range (every answer before it)."""
    weights = exercise_weights([PACK, OTHER])
    groups = defaultdict(lambda: defaultdict(list))
    for index, learner in enumerate(learners):
        rows = [(p, e, sc) for i, p, e, sc, d in attempts
                if learners[i % len(learners)] == learner
                and (flt.until is None or T0.date() + timedelta(days=d) <= flt.until)]
        for competency, result in score_competencies(best_results(rows), weights).items():
            groups[departments[index]][competency].append(result.score)
    return groups


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(world=world_st, since_day=st.one_of(st.none(), st.integers(0, 10)),
       until_day=st.one_of(st.none(), st.integers(0, 10)))
def test_cohort_competency_equals_reference(db, world, since_day, until_day) -> None:
    departments, attempts, progress = world
    learners = _seed(db, departments, attempts, progress)
    since = None if since_day is None else T0.date() + timedelta(days=since_day)
    until = None if until_day is None else T0.date() + timedelta(days=until_day)
    if since and until and since > until:
        since, until = until, since
    flt = CohortFilter(since=since, until=until)
    expected = _reference(departments, learners, attempts, flt)
    got = cohort_competency(db, [PACK, OTHER], by="department", filters=flt)
    assert {(r.group, r.competency_id) for r in got} == {
        (g, c) for g, comps in expected.items() for c in comps}
    for row in got:
        values = expected[row.group][row.competency_id]
        assert row.learners == len(values)
        assert row.score == pytest.approx(sum(values) / len(values))
    table = learner_table(db, [PACK, OTHER], flt)
    assert len(table) == len(learners)
    everyone = cohort_competency(db, [PACK, OTHER], by="all", filters=flt)
    for row in everyone:
        values = [r.scores[row.competency_id] for r in table if row.competency_id in r.scores]
        assert row.learners == len(values)
        assert row.score == pytest.approx(sum(values) / len(values))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(world=world_st)
def test_cohort_completion_equals_reference(db, world) -> None:
    departments, attempts, progress = world
    learners = _seed(db, departments, attempts, progress)
    counted = [m.id for m in PACK.modules if m.kind != "reference"]
    final = final_assessment(PACK).id
    done = defaultdict(set)
    for i, module_id, status in _first(progress, learners):
        if status == "completed" and module_id in counted and module_id != final:
            done[i].add(module_id)
    for learner in learners:  # the final counts when a sitting passed, as the learner sees it
        result = assessment_result(db, learner, PACK)
        if result is not None and result.passed:
            done[learner].add(final)
    takers = {learners[i % len(learners)] for i, p, *_ in attempts if p == "mini"}
    takers |= {i for i, _, _ in _first(progress, learners)}
    rows = cohort_completion(db, [PACK], by="all")
    if not takers:
        assert rows == []
        return
    (row,) = rows
    assert row.learners == len(takers)
    expected = sum(len(done[t]) / len(counted) for t in takers) / len(takers) * 100
    assert row.percent == pytest.approx(expected)
    assert row.completed == sum(len(done[t]) == len(counted) for t in takers)
    table = {r.learner_id: r for r in learner_table(db, [PACK], CohortFilter(course="mini"))}
    assert set(table) == takers
    for t in takers:
        assert table[t].completion == pytest.approx(100 * len(done[t]) / len(counted))


def _first(progress, learners):
    seen = set()
    for i, module_id, status in progress:
        key = (learners[i % len(learners)], module_id)
        if key not in seen:
            seen.add(key)
            yield key[0], module_id, status


def test_passed_counts_sittings_at_the_pass_mark(db) -> None:
    learners = _seed(db, ["A", "A", "B"], [], [])
    for learner, f1, f2 in [(learners[0], 1.0, 0.2), (learners[1], 1.0, None),
                            (learners[2], 0.5, 0.7)]:
        for ex, sc in (("f1", f1), ("f2", f2)):
            record_attempt(db, learner, "mini", "1", ex, {}, sc, {}, T0)
    rows = {r.group: r for r in cohort_completion(db, [PACK], by="department")}
    assert (rows["A"].learners, rows["A"].passed) == (2, 1)  # 60 % passes, 50 % does not
    assert rows["B"].passed == 1  # 60 %
    table = {r.employee_no: r for r in learner_table(db, [PACK])}
    assert table["E0"].passed == ("mini",) and table["E1"].passed == ()


def test_filters_by_department_and_course(db) -> None:
    learners = _seed(db, ["A", "B"], [(0, "mini", "e1", 1.0, 0), (1, "other", "e1", 0.5, 0)], [])
    rows = cohort_competency(db, [PACK, OTHER], by="all", filters=CohortFilter(department="B"))
    assert [(r.competency_id, r.score) for r in rows] == [("data-literacy", 50.0)]
    table = learner_table(db, [PACK, OTHER], CohortFilter(course="other"))
    assert [r.learner_id for r in table] == [learners[1]]
    assert table[0].courses == ("other",)
    assert cohort_competency(db, [PACK], filters=CohortFilter(course="nothing")) == []


def test_filter_rejects_start_after_end() -> None:
    from trainer.analytics.errors import InvalidFilter

    with pytest.raises(InvalidFilter, match="after the end date"):
        CohortFilter(since=date(2025, 2, 1), until=date(2025, 1, 1))


def test_grouping_and_filtering_by_job_role(db) -> None:
    from sqlalchemy import update

    learners = _seed(db, ["A", "A", "B"], [(0, "mini", "e1", 1.0, 0), (1, "mini", "e1", 0.5, 0),
                                           (2, "mini", "e1", 0.0, 0)], [])
    with db.session() as s:
        s.execute(update(Learner).where(Learner.id.in_(learners[:2]))
                  .values(job_role="data-steward"))
    rows = {(r.group, r.competency_id): r for r in cohort_competency(db, [PACK], by="role")}
    assert rows[("data-steward", "data-literacy")].score == pytest.approx(75.0)
    assert rows[(None, "data-literacy")].learners == 1
    only = cohort_competency(db, [PACK], by="all", filters=CohortFilter(role="data-steward"))
    assert [(r.competency_id, r.learners) for r in only] == [("data-literacy", 2)]
    table = learner_table(db, [PACK], CohortFilter(role="data-steward"))
    assert {r.job_role for r in table} == {"data-steward"} and len(table) == 2
