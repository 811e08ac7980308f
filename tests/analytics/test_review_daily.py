"""今日复习, 每日一练 and the 错题本 over hand-made packs with a fixed clock."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from tests.analytics.builders import T0, mini_pack
from trainer.analytics import review
from trainer.analytics.notebook import group_title, notebook
from trainer.analytics.practice import practice_days
from trainer.content.model import Pack
from trainer.store import review as store_review
from trainer.store.db import Database
from trainer.store.learners import create_learner
from trainer.store.progress import record_attempt


def answer(db: Database, who: int, pack: Pack, exercise_id: str, score: float,
           at: datetime, kind: str | None = None) -> None:
    record_attempt(db, who, pack.id, pack.version, exercise_id, {"choice": 1}, score,
                   dict(pack.exercise(exercise_id).weights), at - timedelta(seconds=40), at,
                   review=review.review_note(pack, exercise_id, kind))


def learner(db: Database) -> int:
    return create_learner(db, "E1", "王小明").id


def keys(entries: list[review.ReviewEntry]) -> list[tuple[str, str | None]]:
    return [(e.exercise.id, "due" if e.item else "new") for e in entries]


def test_only_practice_exercises_are_scheduled() -> None:
    pack = mini_pack()
    assert [e.id for e in pack.exercises() if review.schedules(pack, e.id)] == \
        ["e1", "e2", "e3", "e4"]
    assert review.review_note(pack, "f1") is None  # a final's answers are sittings
    assert review.review_note(pack, "gone") is None


def test_due_today_lists_items_across_courses_oldest_first(db: Database) -> None:
    pack, other = mini_pack(), dataclasses.replace(mini_pack("other"), title="另一门")
    who = learner(db)
    answer(db, who, pack, "e1", 0.0, T0)
    answer(db, who, other, "e3", 1.0, T0 + timedelta(hours=1))
    answer(db, who, pack, "f1", 0.0, T0)  # final: never an item
    later = T0 + timedelta(days=30)
    assert [(e.pack.id, e.exercise.id) for e in review.due_today(db, who, [pack, other], later)] \
        == [("mini", "e1"), ("other", "e3")]
    assert review.due_today(db, who, [pack, other], T0 + timedelta(seconds=1)) == []


def test_a_vanished_exercise_is_retired_quietly(db: Database) -> None:
    pack = mini_pack()
    who = learner(db)
    answer(db, who, pack, "e1", 0.0, T0)
    answer(db, who, pack, "e2", 0.0, T0)
    newer = dataclasses.replace(pack, version="2.0.0", modules=pack.modules[1:])  # m1 is gone
    later = T0 + timedelta(days=2)
    assert review.due_count(db, who, [pack], later) == 2
    assert review.due_count(db, who, [newer], later) == 0  # counted as the session shows it
    assert review.due_today(db, who, [newer], later) == []
    with db.reader() as session:
        assert store_review.counts(session)[:2] == (2, 2)
    assert keys(review.due_today(db, who, [pack], later)) == []  # retired stays retired
    assert review.due_today(db, who, [], later) == []  # a pack not installed: left alone


def test_the_daily_set_mixes_due_reviews_with_new_questions_for_the_largest_gaps(
        db: Database) -> None:
    pack = mini_pack()
    who = learner(db)
    answer(db, who, pack, "e1", 0.0, T0)
    answer(db, who, pack, "e2", 0.0, T0)
    later = T0 + timedelta(days=3)
    # two due (e1, e2) and two new; data-security is furthest below the steward's target (精通),
    # so its exercises come first: e3 (security 1.0) before e4 (sharing 0.7, security 0.3)
    assert keys(review.daily_set(db, who, [pack], "data-steward", 4, later)) == \
        [("e1", "due"), ("e3", "new"), ("e2", "due"), ("e4", "new")]
    # a set of three: two due (half rounded up) and one new
    assert keys(review.daily_set(db, who, [pack], "data-steward", 3, later)) == \
        [("e1", "due"), ("e3", "new"), ("e2", "due")]
    # nothing due yet: new questions fill the set; final questions never appear
    assert keys(review.daily_set(db, who, [pack], "data-steward", 5, T0)) == \
        [("e3", "new"), ("e4", "new")]


def test_due_reviews_fill_the_set_when_nothing_new_is_left(db: Database) -> None:
    pack = mini_pack()
    who = learner(db)
    for exercise in ("e1", "e2", "e3", "e4"):
        answer(db, who, pack, exercise, 0.5, T0)
    assert keys(review.daily_set(db, who, [pack], None, 3, T0 + timedelta(days=5))) == \
        [("e1", "due"), ("e2", "due"), ("e3", "due")]


def test_streak_and_calendar_count_days_with_review_answers(db: Database) -> None:
    pack = mini_pack()
    who = learner(db)
    answer(db, who, pack, "e1", 1.0, T0)  # practice only: not a practised day
    for day in (1, 2, 3, 5, 6):
        answer(db, who, pack, "e1", 1.0, T0 + timedelta(days=day), kind="daily")
    days = practice_days(db, who, T0 + timedelta(days=6, hours=1), UTC)
    assert days.streak == 2 and days.daily_today == 1
    assert sorted(d.day for d in days.days) == [4, 5, 6, 8, 9]
    assert practice_days(db, who, T0 + timedelta(days=7), UTC).streak == 2  # not yet
    assert practice_days(db, who, T0 + timedelta(days=8), UTC).streak == 0


def test_the_notebook_lists_wrong_answers_and_keeps_the_final_back_until_hand_in(
        db: Database) -> None:
    pack = mini_pack()
    who = learner(db)
    answer(db, who, pack, "e1", 0.0, T0)
    answer(db, who, pack, "e3", 0.5, T0)
    answer(db, who, pack, "e2", 1.0, T0)
    entries = notebook(db, who, [pack])
    assert [(e.exercise.id, e.score, e.redo) for e in entries] == \
        [("e1", 0.0, True), ("e3", 0.5, True)]
    assert [group_title(e, "competency") for e in entries] == ["DATA-LITERACY", "DATA-SECURITY"]
    assert group_title(entries[0], "module") == "迷你课程 · m1"
    # the final, handed in: its wrong answers are listed to read, not to redo
    answer(db, who, pack, "f1", 0.0, T0 + timedelta(hours=1))
    answer(db, who, pack, "f2", 1.0, T0 + timedelta(hours=1))
    assert [(e.exercise.id, e.redo) for e in notebook(db, who, [pack])] == \
        [("e1", True), ("e3", True), ("f1", False)]
    # two spaced right answers take e1 out of the book
    answer(db, who, pack, "e1", 1.0, T0 + timedelta(days=1), kind="notebook")
    answer(db, who, pack, "e1", 1.0, T0 + timedelta(days=3), kind="review")
    assert [e.exercise.id for e in notebook(db, who, [pack])] == ["e3", "f1"]


def test_review_answers_count_like_any_answer_in_the_learners_and_hrs_figures(
        db: Database) -> None:
    """A review answer is an attempt: the best result counts, for the learner and for HR alike
    (HR through the summaries), and a worse review answer never lowers a score."""
    from trainer.analytics import summaries
    from trainer.analytics.cohort import cohort_competency
    from trainer.analytics.learner import competency_scores

    pack = mini_pack()
    summaries.ensure(db, [pack])
    who = learner(db)
    answer(db, who, pack, "e1", 0.0, T0)
    answer(db, who, pack, "e2", 1.0, T0)
    before = competency_scores(db, who, [pack])["data-literacy"].score
    answer(db, who, pack, "e1", 1.0, T0 + timedelta(days=2), kind="review")
    answer(db, who, pack, "e2", 0.0, T0 + timedelta(days=2), kind="daily")  # worse: no change
    own = competency_scores(db, who, [pack])["data-literacy"].score
    assert own > before and own == 100.0
    [hr] = [r for r in cohort_competency(db, [pack], by="all")
            if r.competency_id == "data-literacy"]
    assert hr.learners == 1 and abs(hr.score - own) < 1e-6
