"""Date-limited HR figures from the running summaries equal a brute-force computation over
every answer: a competency score is where the learner stood at the end of the range (each
exercise's best among all answers before it), answers and the latest answer count inside it.

A realistic organisation (the demo: 90-minute-grained study over weeks, finals retaken on a
later day), a second machine's progress merged in by bundle (older answers, some of them for
learners who already answered later here), and the computer in Beijing (UTC+8), so every
range of local days starts and ends in the middle of a UTC day: the standing at the UTC
midnights comes from the summaries, the hours up to the edges from the answers. SQLite and
PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from trainer.analytics import periods, summaries
from trainer.analytics.assessment import final_assessment
from trainer.analytics.cohort import cohort_competency, cohort_completion, learner_table
from trainer.analytics.filters import CohortFilter
from trainer.analytics.scoring import exercise_weights, level_for, score_competencies
from trainer.config import Paths
from trainer.exchange.bundles import export_bundle, import_bundle
from trainer.reports.attempts import count_attempts
from trainer.reports.demo import builtin_pack, fill_demo
from trainer.store import summary
from trainer.store.db import Database, open_database
from trainer.store.models import (
    Attempt,
    Department,
    Learner,
    LessonProgress,
    SummarySitting,
)
from trainer.store.permissions import COMMAND_LINE
from trainer.store.progress import record_attempt
from trainer.store.types import as_utc

HERE_END = datetime(2026, 3, 31, 12, tzinfo=UTC)
THERE_END = datetime(2026, 3, 25, 7, tzinfo=UTC)


@pytest.fixture
def beijing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(params=["Asia/Shanghai", "America/New_York"])
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A computer east of Greenwich (an edge past noon UTC: counts read the hours after it)
    and one west of it (an edge in the morning UTC: the hours before it)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def organisation(db: Database, tmp_path: Path, zone: None) -> Database:
    """HR's database with its own demo study and a second machine's merged in."""
    fill_demo(db, learners=24, days=30, seed=5, until=HERE_END)
    with open_database(Paths(tmp_path / "other").ensure(), backup=False) as other:
        fill_demo(other, learners=12, days=20, seed=11, until=THERE_END)
        bundle = tmp_path / "other.trainer-progress.zip"
        export_bundle(other, bundle, actor=COMMAND_LINE)
    import_bundle(db, bundle, actor=COMMAND_LINE, trust_new_device=True)
    retake_the_final(db)
    return db


def retake_the_final(db: Database) -> None:
    """A learner fails the final late on 17 March UTC (the 18th in Beijing) and passes it on
    the 24th: both sittings fall in partial days at the edges of a range."""
    pack = builtin_pack()
    final = final_assessment(pack)
    assert final is not None
    with db.reader() as session:
        who = session.execute(select(Learner.id).where(Learner.role == "learner")
                              .order_by(Learner.id).limit(1)).scalar_one()
    for start, score in ((datetime(2026, 3, 17, 20, 30, tzinfo=UTC), 0.0),
                         (datetime(2026, 3, 24, 10, 0, tzinfo=UTC), 1.0)):
        for exercise in final.exercises:
            record_attempt(db, who, pack.id, pack.version, exercise.id, {}, score,
                           dict(exercise.weights), start)
    # early risers in Beijing: before 08:00 there, still the previous UTC day
    practice = next(e for m in pack.modules if m.id != final.id for e in m.exercises)
    for start, score in ((datetime(2026, 3, 11, 23, 0, tzinfo=UTC), 1.0),
                         (datetime(2026, 3, 14, 22, 0, tzinfo=UTC), 0.5),
                         (datetime(2026, 3, 14, 22, 5, tzinfo=UTC), None)):
        record_attempt(db, who + 1, pack.id, pack.version, practice.id, {}, score,
                       dict(practice.weights), start)
    # late evenings in New York (the small hours of the next UTC day): before a western edge
    for day in (12, 15, 18, 19, 21, 25):
        record_attempt(db, who + 2, pack.id, pack.version, practice.id, {}, 0.25 * (day % 5),
                       dict(practice.weights), datetime(2026, 3, day, 2, 30, tzinfo=UTC))


FILTERS = [
    CohortFilter(since=date(2026, 3, 15)),  # since only: today's standing, recent answers
    CohortFilter(until=date(2026, 3, 20)),  # until only
    CohortFilter(since=date(2026, 3, 12), until=date(2026, 3, 24)),
    CohortFilter(since=date(2026, 3, 18), until=date(2026, 3, 18)),  # one local day
    CohortFilter(since=date(2026, 3, 1), until=date(2026, 3, 31)),  # around every answer
    CohortFilter(since=date(2026, 4, 2), until=date(2026, 4, 9)),  # no answers: standing only
    CohortFilter(since=date(2025, 1, 1), until=date(2025, 1, 31)),  # before every answer
]


def plain(rows: list[Any]) -> list[Any]:
    """Rows as tuples with floats rounded (the two paths sum in different orders)."""
    def value(v: Any) -> Any:
        if isinstance(v, float):
            return round(v, 6)
        if isinstance(v, dict):
            return {k: value(x) for k, x in v.items()}
        return v
    return [tuple(value(v) for v in dataclasses.astuple(r)) for r in rows]


@dataclass
class Person:
    """What brute force needs of one active learner."""

    department: str | None
    role: str | None
    answers: list[tuple[str, float | None, datetime]] = field(default_factory=list)
    studied: list[datetime] = field(default_factory=list)


def everyone(db: Database) -> dict[int, Person]:
    """Every active learner with every answer and lesson update, straight from the tables."""
    with db.reader() as session:
        people = {i: Person(d, r) for i, d, r in session.execute(
            select(Learner.id, Department.name, Learner.job_role)
            .outerjoin(Department, Department.id == Learner.department_id)
            .where(Learner.active.is_(True)))}
        for who, exercise, score, start in session.execute(
                select(Attempt.learner_id, Attempt.exercise_id, Attempt.score,
                       Attempt.started_at)):
            if who in people:
                people[who].answers.append((exercise, score, as_utc(start)))
        for who, moment in session.execute(
                select(LessonProgress.learner_id, LessonProgress.updated_at)):
            if who in people:
                people[who].studied.append(as_utc(moment))
    return people


def inside(moment: datetime, flt: CohortFilter) -> bool:
    return ((flt.start is None or moment >= flt.start)
            and (flt.end is None or moment < flt.end))


def standing(person: Person, flt: CohortFilter, pack_id: str, weights: Any
             ) -> dict[str, tuple[float, int]]:
    """Competency → (score 0–100, exercises) from each exercise's best before the range ends."""
    best: dict[tuple[str, str], float] = {}
    for exercise, score, start in person.answers:
        if score is not None and (flt.end is None or start < flt.end):
            best[(pack_id, exercise)] = max(score, best.get((pack_id, exercise), -1.0))
    return {c: (s.score, s.exercises) for c, s in score_competencies(best, weights).items()}


def brute_force(people: dict[int, Person], flt: CohortFilter) -> dict[str, Any]:
    """The figures the summaries must give, computed from every answer in Python."""
    pack = builtin_pack()
    weights = {key: {c: w for c, w in found.items() if w > 0}
               for key, found in exercise_weights([pack]).items()}
    scores = {who: standing(p, flt, pack.id, weights) for who, p in people.items()}
    groups: dict[tuple[str, Any, str], list[float]] = defaultdict(list)
    for who, person in people.items():
        for competency, (score, _) in scores[who].items():
            groups[("department", person.department, competency)].append(score)
            groups[("role", person.role, competency)].append(score)
    table = {}
    for who, person in people.items():
        answered = [start for _, _, start in person.answers if inside(start, flt)]
        moments = answered + [m for m in person.studied if inside(m, flt)]
        table[who] = ({c: s for c, (s, _) in scores[who].items()},
                      {c: n for c, (_, n) in scores[who].items()},
                      len(answered), max(moments) if moments else None)
    return {"groups": {key: (len(v), sum(v) / len(v)) for key, v in groups.items()},
            "table": table, "answers": sum(t[2] for t in table.values())}


def from_figures(db: Database, flt: CohortFilter) -> dict[str, Any]:
    """The same shape from the cohort figures and the learner table."""
    pack = builtin_pack()
    groups = {}
    for by in ("department", "role"):
        for row in cohort_competency(db, [pack], by=by, filters=flt):
            groups[(by, row.group, row.competency_id)] = (row.learners, row.score)
    table = {r.learner_id: (dict(r.scores), r.exercises,
                            r.attempts, r.last_active)
             for r in learner_table(db, [pack], flt)}
    return {"groups": groups, "table": table, "answers": count_attempts(db, [pack], flt),
            "completion": plain(cohort_completion(db, [pack], filters=flt))}


def close(got: Any, expected: Any) -> bool:
    """Equal, floats within 1e-6 (sums in another order differ in their last bits)."""
    if isinstance(got, float) and isinstance(expected, float):
        return abs(got - expected) < 1e-6
    if isinstance(got, dict) and isinstance(expected, dict):
        return got.keys() == expected.keys() and all(close(got[k], expected[k]) for k in got)
    if isinstance(got, tuple) and isinstance(expected, tuple):
        return len(got) == len(expected) and all(map(close, got, expected))
    return bool(got == expected)


def edge_answers(db: Database, flt: CohortFilter) -> int:
    """Answers in the partial UTC days at the filter's edges."""
    total = 0
    with db.reader() as session:
        for moment in (flt.start, flt.end):
            if moment is not None and periods.split(moment)[1] is not None:
                day = periods.split(moment)[0]
                total += session.execute(select(func.count()).select_from(Attempt).where(
                    *periods._in_edge(day, moment))).scalar_one()
    return total


def test_date_limited_figures_equal_brute_force_over_every_answer(
        organisation: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    db = organisation
    with db.reader() as session:
        retaken = session.execute(select(func.count()).select_from(
            select(SummarySitting.learner_id).group_by(SummarySitting.learner_id)
            .having(func.count() > 1).subquery())).scalar_one()
    assert retaken, "the data has a final taken twice"
    with db.reader() as session:  # the bundle's people study here too, until later
        both = session.execute(select(Attempt.learner_id).group_by(Attempt.learner_id).having(
            func.count(func.distinct(Attempt.device_id)) > 1)).all()
        assert both and not any(summary.out_of_step(session).values())
    assert all(edge_answers(db, flt) for flt in FILTERS[:4]), "answers in the partial days"
    people = everyone(db)
    found = {flt: from_figures(db, flt) for flt in FILTERS}
    for flt in FILTERS:
        assert close({k: v for k, v in found[flt].items() if k != "completion"},
                     brute_force(people, flt)), flt
    quiet = brute_force(people, FILTERS[5])
    assert quiet["answers"] == 0 and quiet["groups"], "standing without answers in range"
    assert brute_force(people, FILTERS[6])["groups"] == {}
    earlier = brute_force(people, FILTERS[2])["groups"]
    assert earlier != brute_force(people, FILTERS[0])["groups"], "the end of the range matters"
    # the path without summaries (a database that cannot be written) gives the same figures
    monkeypatch.setattr(summaries, "usable", lambda *_: False)
    for flt in FILTERS:
        assert close(from_figures(db, flt), found[flt]), flt


def test_the_learner_table_equals_brute_force_with_and_without_dates(
        organisation: Database) -> None:
    """HR's table, one row per learner read from the summaries (scores pivoted in SQL, the
    latest of answering and studying taken there): every learner's scores, evidence, answers,
    latest activity and levels are those every answer gives, with no range and with each
    range; a page of the table has the same rows as the whole table."""
    db, pack = organisation, builtin_pack()
    people = everyone(db)
    later = [who for who, p in people.items()
             if p.studied and p.answers and max(p.studied) > max(s for _, _, s in p.answers)]
    assert later, "someone studied after their last answer"
    for flt in (CohortFilter(), *FILTERS):
        rows = learner_table(db, [pack], flt)
        got = {r.learner_id: (dict(r.scores), r.exercises, r.attempts, r.last_active)
               for r in rows}
        assert close(got, brute_force(people, flt)["table"]), flt
        for row in rows:
            levels = {c: level_for(pack.framework, s) for c, s in row.scores.items()}
            assert row.levels == {c: level.id for c, level in levels.items() if level}, flt
        page = [r.learner_id for r in rows[3:9]]
        assert learner_table(db, [pack], flt, only=page) == rows[3:9], flt
    assert any(r.levels for r in learner_table(db, [pack])), "levels reached"


def test_a_score_is_the_standing_at_the_end_of_the_range(db: Database, beijing: None) -> None:
    """A learner who reached 100 % early and slipped later still stands at 100 % in a later
    range; one who improves in the range counts the improvement; the range's start does not
    forget what was learnt before it."""
    pack = builtin_pack()
    exercise = next(e for e in pack.exercises() if e.weights)
    competencies = {c for c, w in exercise.weights.items() if w > 0}
    who = fill_people(db)
    for moment, score in ((datetime(2026, 3, 2, 3, tzinfo=UTC), 1.0),
                          (datetime(2026, 3, 20, 3, tzinfo=UTC), 0.0)):
        record_attempt(db, who, pack.id, pack.version, exercise.id, {}, score,
                       dict(exercise.weights), moment)
    later = CohortFilter(since=date(2026, 3, 15), until=date(2026, 3, 31))
    (row,) = [r for r in learner_table(db, [pack], later) if r.learner_id == who]
    assert row.scores == {c: pytest.approx(100.0) for c in competencies} and row.attempts == 1
    before = CohortFilter(until=date(2026, 3, 1))
    (row,) = [r for r in learner_table(db, [pack], before) if r.learner_id == who]
    assert row.scores == {} and row.attempts == 0


def fill_people(db: Database) -> int:
    from trainer.store.learners import create_learner

    return create_learner(db, "E900", "林晓", "临江市数据资源局").id


def test_an_edge_splits_into_its_utc_day_and_the_hours_before_it(beijing: None) -> None:
    flt = CohortFilter(since=date(2026, 3, 12), until=date(2026, 3, 24))
    assert flt.start is not None and flt.end is not None
    assert periods.split(flt.start) == (date(2026, 3, 11), datetime(2026, 3, 11, 16, tzinfo=UTC))
    assert periods.split(flt.end) == (date(2026, 3, 24), datetime(2026, 3, 24, 16, tzinfo=UTC))


def test_a_utc_computer_reads_whole_days_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        flt = CohortFilter(since=date(2026, 3, 12), until=date(2026, 3, 24))
        assert flt.start is not None and flt.end is not None
        edges = (periods.split(flt.start), periods.split(flt.end))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert edges == ((date(2026, 3, 12), None), (date(2026, 3, 25), None))
