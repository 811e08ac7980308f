"""Spaced review in the store: FSRS cards from hand-made histories with a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.store.store_builders import learner
from trainer.config import Paths
from trainer.store import review, summary
from trainer.store.db import Database, open_database
from trainer.store.models import Attempt, ReviewAnswer
from trainer.store.progress import record_attempt
from trainer.store.review import AGAIN, EASY, GOOD, HARD, ReviewNote

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PRACTICE = ReviewNote()


def answer(db: Database, who: int, score: float | None, at: datetime, *, seconds: float = 60,
           exercise: str = "ex-1", kind: str | None = None) -> None:
    record_attempt(db, who, "course", "1.0.0", exercise, {"choice": 1}, score,
                   {"data-literacy": 1.0}, at - timedelta(seconds=seconds), at,
                   review=ReviewNote(kind))


@pytest.mark.parametrize(("score", "seconds", "rating"), [
    (0.0, 5, AGAIN), (0.5, 5, HARD), (1.0, 60, GOOD), (1.0, 8, EASY), (None, 5, None)])
def test_a_result_maps_to_the_documented_rating(score: float | None, seconds: float,
                                                rating: int | None) -> None:
    assert review.rating_for(score, seconds) == rating


def test_a_practice_answer_makes_an_item_due_later_and_again_soon_after_a_mistake(
        store: Database) -> None:
    who = learner(store).id
    answer(store, who, 1.0, T0)
    [item] = review.items(store, who)
    assert item.due > T0 and item.reviews == 1 and not item.wrong
    assert review.due_items(store, who, T0) == []
    assert [i.exercise_id for i in review.due_items(store, who, item.due)] == ["ex-1"]
    answer(store, who, 0.0, item.due)  # forgotten: Again
    [again] = review.items(store, who)
    assert again.wrong and again.due - item.due <= timedelta(minutes=10)


def test_easier_grades_wait_longer(store: Database) -> None:
    who = learner(store).id
    dues = {}
    for name, score, seconds in (("hard", 0.5, 60), ("good", 1.0, 60), ("easy", 1.0, 5)):
        answer(store, who, 1.0, T0, exercise=name)
        first = {i.exercise_id: i for i in review.items(store, who)}[name]
        answer(store, who, score, first.due + timedelta(days=1), seconds=seconds, exercise=name)
        dues[name] = {i.exercise_id: i for i in review.items(store, who)}[name].due
    assert dues["hard"] < dues["good"] < dues["easy"]


def test_same_history_same_schedule(store: Database) -> None:
    """No fuzzing: two learners with one history get one schedule (and merges can compare)."""
    first, second = learner(store).id, learner(store, "E1002", "李雷").id
    for who in (first, second):
        for day, score in enumerate((1.0, 0.0, 1.0, 1.0)):
            answer(store, who, score, T0 + timedelta(days=3 * day))
    assert review.items(store, first)[0].due == review.items(store, second)[0].due


def test_an_item_leaves_the_book_after_two_spaced_right_answers(store: Database) -> None:
    who = learner(store).id
    answer(store, who, 0.0, T0)
    answer(store, who, 1.0, T0 + timedelta(minutes=15))  # right at once: not spaced
    assert review.items(store, who, wrong_only=True)
    answer(store, who, 1.0, T0 + timedelta(days=1))
    assert review.items(store, who, wrong_only=True)[0].spaced_right == 1
    answer(store, who, 1.0, T0 + timedelta(days=3), kind="notebook")
    assert review.items(store, who, wrong_only=True) == []
    answer(store, who, 0.5, T0 + timedelta(days=9))  # partly right: back in the book
    assert review.items(store, who, wrong_only=True)[0].spaced_right == 0


def test_review_answers_are_marked_and_count_like_any_answer(store: Database) -> None:
    who = learner(store).id
    answer(store, who, 0.0, T0)
    answer(store, who, 1.0, T0 + timedelta(days=1), kind="review")
    with store.reader() as session:
        assert session.scalar(select(func.count()).select_from(Attempt)) == 2
        marks = session.execute(select(ReviewAnswer.kind, ReviewAnswer.rating)).all()
        assert marks == [("review", GOOD)]
        assert summary.out_of_step(session) == dict.fromkeys(summary.PARTS, 0)
    assert review.answer_times(store, who, T0) == [T0 + timedelta(days=1)]


def test_ungraded_and_unmarked_answers_schedule_nothing(store: Database) -> None:
    who = learner(store).id
    answer(store, who, None, T0)  # waits for a trainer
    record_attempt(store, who, "course", "1.0.0", "ex-2", {}, 1.0, {}, T0)  # no review note
    assert review.items(store, who) == []


def test_a_clock_that_went_back_never_leaves_an_item_overdue_forever(store: Database) -> None:
    who = learner(store).id
    ahead = T0 + timedelta(days=400)  # the machine's clock ran a year ahead
    answer(store, who, 1.0, ahead)
    # back to the right time: the item is not hidden for a year, it is due now …
    assert [i.exercise_id for i in review.due_items(store, who, T0)] == ["ex-1"]
    answer(store, who, 1.0, T0 + timedelta(minutes=1), kind="review")
    # … and once reviewed it is scheduled from now, no longer due
    [item] = review.items(store, who)
    assert item.due > T0 + timedelta(minutes=1)
    assert review.due_items(store, who, T0 + timedelta(minutes=2)) == []


def test_retired_items_are_kept_but_never_due(store: Database) -> None:
    who = learner(store).id
    answer(store, who, 0.0, T0)
    assert review.retire(store, who, [("course", "ex-1")]) == 1
    assert review.due_items(store, who, T0 + timedelta(days=30)) == []
    assert review.items(store, who, wrong_only=True) == []
    with store.reader() as session:
        assert review.counts(session) == (1, 1, 0)


def test_db_check_counts_retired_items(data_dir: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    from trainer.cli import main

    with open_database(Paths(data_dir).ensure()) as db:
        who = learner(db).id
        answer(db, who, 0.0, T0)
        answer(db, who, 1.0, T0, exercise="ex-2", kind="daily")
        review.retire(db, who, [("course", "ex-1")])
    assert main(["db", "check"]) == 0
    assert "Review:    2 items (1 retired: their exercise left its course), 1 review answers" \
        in capsys.readouterr().out
