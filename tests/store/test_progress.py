"""Enrolment, lesson progress and study time, attempts and history, and what changed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from store_builders import T0, attempt, learner

from trainer.store.changes import changed_since
from trainer.store.db import Database
from trainer.store.errors import Duplicate, InvalidValue, NotFound
from trainer.store.learners import update_learner
from trainer.store.progress import (
    attempts,
    best_scores,
    enroll,
    enrollments,
    last_position,
    lesson_states,
    record_attempt,
    record_lesson_progress,
)
from trainer.store.types import utcnow

PACK = "digital-government"


def test_enrolment_is_idempotent(store: Database) -> None:
    person = learner(store)
    assert enroll(store, person.id, PACK) is True
    assert enroll(store, person.id, PACK) is False
    assert enrollments(store, person.id) == [PACK]
    with pytest.raises(NotFound):
        enroll(store, 999, PACK)


def test_study_time_adds_up_and_status_never_goes_back(store: Database) -> None:
    person = learner(store)
    record_lesson_progress(store, person.id, PACK, "01-why", add_seconds=30, position=0.25)
    record_lesson_progress(store, person.id, PACK, "01-why", status="completed", add_seconds=45)
    state = record_lesson_progress(store, person.id, PACK, "01-why", status="in_progress",
                                   add_seconds=10)
    assert (state.status, state.seconds, state.position) == ("completed", 85, 0.25)
    assert enrollments(store, person.id) == [PACK]  # opening a lesson enrols


def test_lesson_states_and_where_to_continue(store: Database) -> None:
    person = learner(store)
    assert last_position(store, person.id) is None
    record_lesson_progress(store, person.id, PACK, "01-why", add_seconds=5)
    record_lesson_progress(store, person.id, PACK, "02-data", position={"anchor": "表格", "y": 120})
    states = lesson_states(store, person.id, PACK)
    assert set(states) == {"01-why", "02-data"}
    latest = last_position(store, person.id)
    assert (latest.module_id, latest.position) == ("02-data", {"anchor": "表格", "y": 120})  # type: ignore[union-attr]
    assert latest.updated_at.tzinfo is not None  # type: ignore[union-attr]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"status": "done"}, "Unknown lesson status"),
    ({"add_seconds": -5}, "Study time"),
    ({"position": {1, 2}}, "cannot be saved"),
])
def test_bad_progress_is_refused(store: Database, kwargs: dict, message: str) -> None:
    person = learner(store)
    with pytest.raises(InvalidValue, match=message):
        record_lesson_progress(store, person.id, PACK, "01-why", **kwargs)
    assert lesson_states(store, person.id, PACK) == {}


def test_an_attempt_round_trips_with_utc_times(store: Database) -> None:
    person = learner(store)
    beijing = timezone(timedelta(hours=8))
    started = datetime(2026, 3, 1, 17, 30, tzinfo=beijing)
    saved = record_attempt(store, person.id, PACK, "1.2.0", "ex-fill", {"text": "数据共享"},
                           None, {"data-sharing": 0.5, "data-literacy": 0.5}, started)
    [loaded] = attempts(store, person.id)
    assert loaded == saved
    assert loaded.started_at == started and loaded.started_at.tzinfo == UTC
    assert loaded.response == {"text": "数据共享"} and loaded.score is None
    assert loaded.device_id == store.device_id and isinstance(loaded.id, uuid.UUID)


def test_retries_are_new_attempts_and_the_best_counts(store: Database) -> None:
    person = learner(store)
    for score in (0.0, 1.0, 0.5):
        attempt(store, person, "ex-1", score)
    attempt(store, person, "ex-open", None)
    attempt(store, person, "ex-other-pack", 1.0, pack="other")
    assert [a.score for a in attempts(store, person.id, PACK)] == [0.0, 1.0, 0.5, None]
    assert best_scores(store, person.id, PACK) == {"ex-1": 1.0}


@pytest.mark.parametrize("score", [1.5, -0.1, "1", float("nan"), float("inf"), True])
def test_scores_outside_0_1_are_refused(store: Database, score: object) -> None:
    person = learner(store)
    with pytest.raises(InvalidValue, match="between 0 and 1"):
        attempt(store, person, score=score)  # type: ignore[arg-type]
    assert attempts(store, person.id) == []


def test_attempt_for_unknown_learner_or_twice(store: Database) -> None:
    with pytest.raises(NotFound):
        record_attempt(store, 4242, PACK, "1", "ex-1", {}, 1.0, {}, T0)
    person = learner(store)
    first = attempt(store, person)
    with pytest.raises(Duplicate):
        record_attempt(store, person.id, PACK, "1", "ex-1", {}, 1.0, {}, T0, attempt_id=first.id)
    assert len(attempts(store, person.id)) == 1


def test_changes_since_a_moment(store: Database) -> None:
    old = learner(store, "E1", "甲")
    attempt(store, old, "ex-old")
    moment = utcnow()
    new = learner(store, "E2", "乙")
    record_lesson_progress(store, new.id, PACK, "01-why", add_seconds=3)
    fresh = attempt(store, old, "ex-new")
    update_learner(store, old.id, actor=old, email="jia@example.gov.cn")
    changes = changed_since(store, moment)
    assert {p.employee_no for p in changes.learners} == {"E1", "E2"}
    assert [(lid, s.module_id) for lid, s in changes.lessons] == [(new.id, "01-why")]
    assert [a.id for a in changes.attempts] == [fresh.id]
    assert not changed_since(store, utcnow() + timedelta(seconds=1))
