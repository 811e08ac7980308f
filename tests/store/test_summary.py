"""The attempt summaries behind HR's cohort figures: every writer keeps them equal to a rebuild
from the attempts, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, update
from store_builders import learner

from trainer.store import summary, summary_standing
from trainer.store.bulk import insert_attempts
from trainer.store.db import Database
from trainer.store.migrate import downgrade, upgrade
from trainer.store.models import (
    Learner,
    SummaryActivity,
    SummaryAnswersToDate,
    SummaryCompetency,
    SummaryDay,
    SummarySitting,
    SummaryStanding,
)
from trainer.store.progress import record_attempt

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
WEIGHTS = {("e1", "data-literacy"): 1.0, ("e2", "data-literacy"): 0.5,
           ("e2", "data-sharing"): 0.5, ("f1", "data-security"): 1.0,
           ("f2", "data-security"): 0.25}
REGISTRATION = summary.Registration(dict(WEIGHTS), {"f1": (2, 60), "f2": (2, 60)})


def snapshot(db: Database) -> dict[str, dict[tuple, tuple]]:
    """Every summary row, keyed by its primary key (floats rounded against summation order)."""
    with db.reader() as s:
        return {
            "competencies": {(r.learner_id, r.pack_id, r.competency_id):
                             (round(r.weighted, 9), round(r.weight, 9), r.exercises)
                             for r in s.scalars(select(SummaryCompetency))},
            "activity": {(r.learner_id, r.pack_id): (r.attempts, r.last_answer_at)
                         for r in s.scalars(select(SummaryActivity))},
            "sittings": {(r.learner_id, r.pack_id, r.started_at):
                         (round(r.points, 9), r.total, r.pass_mark)
                         for r in s.scalars(select(SummarySitting))},
            "days": {(r.learner_id, r.pack_id, r.exercise_id, r.day):
                     (r.best, r.answers, r.last_answer_at)
                     for r in s.scalars(select(SummaryDay))},
            "standing": {(r.learner_id, r.pack_id, r.competency_id, r.day):
                         (round(r.weighted, 9), round(r.weight, 9), r.exercises)
                         for r in s.scalars(select(SummaryStanding))},
            "to_date": {(r.learner_id, r.pack_id, r.day): (r.answers, r.last_answer_at)
                        for r in s.scalars(select(SummaryAnswersToDate))},
        }


def rebuilt(db: Database) -> dict[str, dict[tuple, tuple]]:
    with db.session() as s:
        summary.refresh(s)
    return snapshot(db)


def register(db: Database, registration: summary.Registration = REGISTRATION) -> bool:
    with db.session() as s:
        return summary.register(s, "mini", registration)


answer_st = st.tuples(st.integers(0, 2), st.sampled_from(["e1", "e2", "e3", "f1", "f2"]),
                      st.one_of(st.none(), st.sampled_from([0.0, 0.3, 0.5, 1.0])),
                      st.integers(0, 3))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(answers=st.lists(answer_st, max_size=25))
def test_answers_one_by_one_equal_a_rebuild(store: Database, answers) -> None:
    with store.session() as s:
        s.execute(delete(Learner))
    register(store)
    people = [learner(store, f"E{i}", f"学员{i}").id for i in range(3)]
    for who, exercise, score, day in answers:
        record_attempt(store, people[who], "mini", "1", exercise, {}, score, {},
                       T0 + timedelta(days=day))
    kept = snapshot(store)
    assert kept == rebuilt(store)
    with store.reader() as s:
        assert summary.out_of_step(s) == dict.fromkeys(summary.PARTS, 0)
    answered = {(people[w], "mini") for w, *_ in answers}
    assert set(kept["activity"]) == answered


def test_a_new_best_adds_only_the_gain(store: Database) -> None:
    register(store)
    who = learner(store).id
    for score in (0.5, 0.2, 1.0, None):
        record_attempt(store, who, "mini", "1", "e2", {}, score, {}, T0)
    rows = snapshot(store)["competencies"]
    assert rows[(who, "mini", "data-literacy")] == (0.5, 0.5, 1)  # best 1.0 × 0.5, one exercise
    assert rows[(who, "mini", "data-sharing")] == (0.5, 0.5, 1)
    assert snapshot(store)["activity"][(who, "mini")][0] == 4


def test_a_sitting_adds_its_answers_points(store: Database) -> None:
    register(store)
    who = learner(store).id
    record_attempt(store, who, "mini", "1", "f1", {}, 1.0, {}, T0)
    record_attempt(store, who, "mini", "1", "f2", {}, None, {}, T0)  # pending counts 0
    record_attempt(store, who, "mini", "1", "f2", {}, 0.5, {}, T0 + timedelta(hours=1))
    sittings = snapshot(store)["sittings"]
    assert sorted(v[0] for v in sittings.values()) == [0.5, 1.0]
    assert all(v[1:] == (2, 60) for v in sittings.values())


def test_registering_other_weights_rebuilds_and_same_weights_do_not(store: Database) -> None:
    who = learner(store).id
    record_attempt(store, who, "mini", "1", "e1", {}, 0.5, {}, T0)
    assert snapshot(store)["competencies"] == {}  # not registered yet: nothing to weigh
    assert register(store) is True
    assert snapshot(store)["competencies"][(who, "mini", "data-literacy")] == (0.5, 1.0, 1)
    assert register(store) is False
    heavier = summary.Registration({("e1", "data-analysis"): 0.5}, {})
    assert register(store, heavier) is True
    assert snapshot(store)["competencies"] == {(who, "mini", "data-analysis"): (0.25, 0.5, 1)}
    assert snapshot(store)["sittings"] == {}


def test_bulk_inserts_keep_summaries_in_step(store: Database) -> None:
    register(store)
    people = [learner(store, f"E{i}", f"学员{i}").id for i in range(4)]
    record_attempt(store, people[0], "mini", "1", "e1", {}, 0.2, {}, T0)
    insert_attempts(store, [
        {"id": uuid.uuid4(), "learner_id": people[i % 4], "pack_id": "mini",
         "pack_version": "1", "exercise_id": ex, "response": {}, "score": sc, "weights": {},
         "started_at": T0 + timedelta(minutes=i)}
        for i, (ex, sc) in enumerate([("e1", 1.0), ("f1", 0.5), ("e2", None), ("f2", 1.0)] * 3)],
        chunk=5)
    kept = snapshot(store)
    assert kept == rebuilt(store)
    assert kept["activity"][(people[0], "mini")][0] == 4


def test_summaries_go_with_their_learner(store: Database) -> None:
    register(store)
    gone, stays = learner(store, "E1").id, learner(store, "E2").id
    for who in (gone, stays):
        record_attempt(store, who, "mini", "1", "f1", {}, 1.0, {}, T0)
    with store.session() as s:
        s.execute(delete(Learner).where(Learner.id == gone))
    rows = snapshot(store)
    assert {key[0] for part in rows.values() for key in part} == {stays}


def test_upgrading_to_the_summaries_fills_answer_counts(store: Database) -> None:
    who = learner(store).id
    record_attempt(store, who, "mini", "1", "e1", {}, 1.0, {}, T0)
    record_attempt(store, who, "other", "1", "e1", {}, None, {}, T0 + timedelta(days=1))
    downgrade(store.engine, "0004")
    upgrade(store.engine, store.where)
    activity = snapshot(store)["activity"]
    assert activity == {(who, "mini"): (1, T0), (who, "other"): (1, T0 + timedelta(days=1))}


def test_day_summaries_keep_each_utc_day_best_and_count(store: Database) -> None:
    who = learner(store).id
    late = T0.replace(hour=23, minute=50)  # 07:50 the next morning in Beijing: still its UTC day
    for moment, score in ((T0, 0.5), (late, None), (late, 0.3), (late + timedelta(minutes=20),
                                                                   1.0)):
        record_attempt(store, who, "mini", "1", "e1", {}, score, {}, moment)
    days = snapshot(store)["days"]
    assert days == {
        (who, "mini", "e1", T0.date()): (0.5, 3, late),
        (who, "mini", "e1", T0.date() + timedelta(days=1)):
            (1.0, 1, late + timedelta(minutes=20))}
    assert days == rebuilt(store)["days"]


def test_upgrading_to_the_day_summaries_fills_them(store: Database) -> None:
    who = learner(store).id
    record_attempt(store, who, "mini", "1", "e1", {}, None, {}, T0)
    record_attempt(store, who, "mini", "1", "e1", {}, 0.5, {}, T0 + timedelta(hours=1))
    before = snapshot(store)["days"]
    downgrade(store.engine, "0011")
    upgrade(store.engine, store.where)
    assert snapshot(store)["days"] == before == {
        (who, "mini", "e1", T0.date()): (0.5, 2, T0 + timedelta(hours=1))}


def test_a_day_summary_out_of_step_is_found(store: Database) -> None:
    who = learner(store).id
    record_attempt(store, who, "mini", "1", "e1", {}, 0.5, {}, T0)
    record_attempt(store, who, "mini", "1", "e2", {}, 1.0, {}, T0)
    with store.reader() as s:
        assert summary.out_of_step(s)["days"] == 0
    with store.session() as s:
        s.execute(delete(SummaryDay).where(SummaryDay.exercise_id == "e1"))
    with store.reader() as s:
        assert summary.out_of_step(s)["days"] == 1


def test_older_answers_rebuild_their_learners_standing(store: Database) -> None:
    """A merged bundle (or a clock set back) brings answers older than the latest: the standing
    of that learner and pack is rebuilt from its days; others keep theirs."""
    register(store)
    who, other = learner(store, "E1").id, learner(store, "E2").id
    day = T0.date()
    record_attempt(store, who, "mini", "1", "e1", {}, 0.5, {}, T0 + timedelta(days=3))
    record_attempt(store, other, "mini", "1", "e1", {}, 0.5, {}, T0 + timedelta(days=3))
    insert_attempts(store, [{"id": uuid.uuid4(), "learner_id": who, "pack_id": "mini",
                             "pack_version": "1", "exercise_id": "e1", "response": {},
                             "score": 1.0, "weights": {}, "started_at": T0 + timedelta(days=1)}])
    record_attempt(store, who, "mini", "1", "e2", {}, 0.5, {}, T0)
    kept = snapshot(store)
    assert kept == rebuilt(store)
    mine = {k[2:]: v for k, v in kept["standing"].items() if k[0] == who}
    assert mine == {("data-literacy", day): (0.25, 0.5, 1),
                    ("data-sharing", day): (0.25, 0.5, 1),
                    ("data-literacy", day + timedelta(days=1)): (1.25, 1.5, 2)}  # 0.5 on day 3: no rise
    assert {k[2]: v[0] for k, v in kept["to_date"].items() if k[0] == who} == {
        day: 1, day + timedelta(days=1): 2, day + timedelta(days=3): 3}
    assert kept["standing"][(other, "mini", "data-literacy", day + timedelta(days=3))] == (
        0.5, 1.0, 1)


def test_upgrading_to_the_running_summaries_fills_them(store: Database) -> None:
    register(store)
    who = learner(store).id
    for days, exercise, score in ((0, "e1", 0.5), (2, "e2", 1.0), (2, "e1", None), (5, "e1", 1.0)):
        record_attempt(store, who, "mini", "1", exercise, {}, score, {},
                       T0 + timedelta(days=days))
    before = snapshot(store)
    assert len(before["standing"]) == 4 and len(before["to_date"]) == 3
    downgrade(store.engine, "0014")
    upgrade(store.engine, store.where)
    after = snapshot(store)
    assert (after["standing"], after["to_date"]) == (before["standing"], before["to_date"])


def test_a_running_summary_out_of_step_is_found(store: Database) -> None:
    register(store)
    who = learner(store).id
    record_attempt(store, who, "mini", "1", "e1", {}, 0.5, {}, T0)
    record_attempt(store, who, "mini", "1", "e1", {}, 1.0, {}, T0 + timedelta(days=1))
    with store.reader() as s:
        assert summary.out_of_step(s) == dict.fromkeys(summary.PARTS, 0)
    with store.session() as s:
        s.execute(delete(SummaryStanding).where(SummaryStanding.day == T0.date()))
        s.execute(update(SummaryAnswersToDate).values(answers=SummaryAnswersToDate.answers + 1))
    with store.reader() as s:
        assert summary.out_of_step(s) == {**dict.fromkeys(summary.PARTS, 0),
                                          "standing": 1, "to_date": 2}


day_st = st.tuples(st.integers(0, 1), st.sampled_from(["mini", "other"]),
                   st.sampled_from(["e1", "e2", "e3", "f1"]), st.integers(0, 4),
                   st.one_of(st.none(), st.sampled_from([0.0, 0.25, 0.5, 1.0])))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(days=st.lists(day_st, max_size=40, unique_by=lambda d: d[:4]))
@example(days=[(0, "mini", "e2", 0, 0.25), (0, "mini", "e2", 1, None), (0, "mini", "e2", 2, 1.0),
               (0, "mini", "e2", 3, 0.5), (0, "mini", "e1", 2, 0.5), (0, "other", "e1", 1, 0.5),
               (0, "other", "e1", 4, 1.0), (1, "mini", "f1", 0, None), (1, "mini", "f1", 3, 0.0)])
def test_the_running_summaries_rebuilt_in_python_equal_their_sql_derivation(
        store: Database, days) -> None:
    """The standing and the answers to date are rebuilt in one ordered pass in Python and
    checked (``out_of_step``) against the same derivations in SQL: both must give the same
    rows from the same days, whatever mix of packs, competencies, ungraded days, falling
    results and answers per day."""
    with store.session() as s:
        s.execute(delete(Learner))
    register(store)
    with store.session() as s:
        summary.register(s, "other", summary.Registration(
            {("e1", "data-security"): 2.0, ("f1", "data-literacy"): 0.75}, {}))
    people = [learner(store, f"E{i}", f"学员{i}").id for i in range(3)]
    with store.session() as s:
        s.execute(delete(SummaryDay))
        if days:
            s.execute(insert(SummaryDay), [
                {"learner_id": people[who], "pack_id": pack, "exercise_id": exercise,
                 "day": T0.date() + timedelta(days=day), "best": best,
                 "answers": 1 + (day + ord(exercise[-1])) % 3,
                 "last_answer_at": T0 + timedelta(days=day, hours=12 - ord(exercise[-1]) % 12)}
                for who, pack, exercise, day, best in days])
        summary.refresh(s, parts=("standing", "to_date"))
    with store.reader() as s:
        dialect = s.get_bind().dialect.name
        standing = {(r.learner_id, r.pack_id, r.competency_id, r.day):
                    (round(r.weighted, 9), round(r.weight, 9), r.exercises)
                    for r in s.execute(summary_standing.standing_source([], dialect))}
        to_date = {(r.learner_id, r.pack_id, r.day): (r.answers, r.last_answer_at)
                   for r in s.execute(summary_standing.to_date_source([], dialect))}
        checked = summary.out_of_step(s)
        assert (checked["standing"], checked["to_date"]) == (0, 0)
    kept = snapshot(store)
    assert kept["standing"] == standing
    assert kept["to_date"] == to_date
    graded = {(people[who], pack) for who, pack, exercise, _, best in days
              if best is not None and (pack, exercise) in {("mini", "e1"), ("mini", "e2"),
                                                           ("mini", "f1"), ("other", "e1"),
                                                           ("other", "f1")}}
    assert {key[:2] for key in standing} == graded
    assert {key[:2] for key in to_date} == {(people[who], pack) for who, pack, *_ in days}
