"""A final-assessment sitting kept in the store: answers as given, time used, the hand-in marker,
and what happens to a sitting left open (resumed, or handed in when its time ran out)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from tests.analytics.builders import T0, add_attempt, mini_pack
from trainer.analytics import sittings as rules
from trainer.analytics.assessment import assessment_result, final_assessment, handed_in
from trainer.store import sittings, summary
from trainer.store.errors import Duplicate
from trainer.store.learners import create_learner
from trainer.store.progress import attempts

PACK = mini_pack()
FINAL = final_assessment(PACK)
RIGHT, WRONG = {"choice": 0}, {"choice": 1}


def timed(minutes: int = 10, away: str = "runs") -> object:
    return replace(FINAL, time_limit=minutes, time_away=away)


@pytest.fixture
def person(db):
    return create_learner(db, "2001", "李娜", "民政局")


def begin_at(db, person, monkeypatch, module, at=T0):
    monkeypatch.setattr(rules, "clock", lambda: at)
    return rules.begin(db, person.id, PACK, module)


def test_answers_and_time_are_kept_as_given(db, person, monkeypatch) -> None:
    state = begin_at(db, person, monkeypatch, timed())
    sittings.save_answer(db, state.id, "f1", RIGHT, seconds_used=12.5)
    sittings.save_answer(db, state.id, "f2", WRONG)
    sittings.save_answer(db, state.id, "f2", RIGHT)  # changed: the last answer counts
    sittings.save_time(db, state.id, 30.0)
    sittings.save_time(db, state.id, 20.0)  # time used never goes back
    again = sittings.open_sitting(db, person.id, PACK.id, FINAL.id)
    assert again is not None and again.id == state.id and again.started_at == T0
    assert again.answers == {"f1": RIGHT, "f2": RIGHT} and again.seconds_used == 30.0
    assert attempts(db, person.id, PACK.id) == [], "nothing counts before the hand-in"
    assert handed_in(db, person.id, [PACK]) == frozenset(), "search keeps the final back"
    sittings.save_answer(db, state.id, "f2", None)  # taken back
    assert sittings.open_sitting(db, person.id, PACK.id, FINAL.id).answers == {"f1": RIGHT}


def test_hand_in_writes_the_answers_and_the_marker_once(db, person, monkeypatch) -> None:
    state = begin_at(db, person, monkeypatch, timed())
    sittings.save_answer(db, state.id, "f1", RIGHT)
    graded, done = rules.hand_in(db, FINAL, state, {"f1": RIGHT}, T0 + timedelta(minutes=3))
    assert done and graded.scores == {"f1": 1.0} and not graded.grades["f2"].answered
    saved = attempts(db, person.id, PACK.id)
    assert [(a.exercise_id, a.started_at) for a in saved] == [("f1", T0)]
    assert sittings.open_sitting(db, person.id, PACK.id, FINAL.id) is None
    assert handed_in(db, person.id, [PACK]) == {PACK.id}
    _, again = rules.hand_in(db, FINAL, state, {"f1": RIGHT, "f2": RIGHT}, T0)
    assert not again and len(attempts(db, person.id, PACK.id)) == 1, "nothing written twice"
    with pytest.raises(Duplicate):
        sittings.save_answer(db, state.id, "f2", RIGHT)
    with db.reader() as session:
        assert set(summary.out_of_step(session).values()) == {0}


def test_time_left_runs_on_while_away_or_pauses(db, person, monkeypatch) -> None:
    runs = begin_at(db, person, monkeypatch, timed(10, "runs"))
    assert rules.time_left(runs, T0 + timedelta(minutes=4)) == 6 * 60
    other = create_learner(db, "2002", "王芳", "民政局")
    paused = begin_at(db, other, monkeypatch, timed(10, "pauses"))
    sittings.save_time(db, paused.id, 240.0)
    paused = sittings.open_sitting(db, other.id, PACK.id, FINAL.id)
    assert rules.time_left(paused, T0 + timedelta(days=2)) == 6 * 60, "away time not counted"
    assert rules.time_left(paused, T0, on_screen=60) == 5 * 60


def test_a_sitting_whose_time_ran_out_while_away_is_handed_in(db, person, monkeypatch) -> None:
    module = timed(10, "runs")
    pack = replace(PACK, modules=tuple(module if m.id == FINAL.id else m for m in PACK.modules))
    state = begin_at(db, person, monkeypatch, module)
    sittings.save_answer(db, state.id, "f1", RIGHT)
    sittings.save_answer(db, state.id, "f2", RIGHT)
    monkeypatch.setattr(rules, "clock", lambda: T0 + timedelta(minutes=9))
    resumed = rules.resume(db, person.id, pack, module)
    assert resumed.open is not None and not resumed.handed_in, "time is left: continue"
    monkeypatch.setattr(rules, "clock", lambda: T0 + timedelta(hours=5))
    resumed = rules.resume(db, person.id, pack, module)
    assert resumed.open is None and resumed.handed_in
    saved = attempts(db, person.id, PACK.id)
    assert {a.exercise_id for a in saved} == {"f1", "f2"}
    assert {a.finished_at for a in saved} == {T0 + timedelta(minutes=10)}, "dated at the limit"
    result = assessment_result(db, person.id, pack)
    assert result is not None and result.passed and result.score == 100.0


def test_legacy_and_merged_answers_without_a_marker_count_as_handed_in(db, person) -> None:
    add_attempt(db, person.id, PACK, "f1", 1.0)  # as older versions and bundles record them
    assert handed_in(db, person.id, [PACK]) == {PACK.id}
    assert assessment_result(db, person.id, PACK).sittings == 1


def test_a_sitting_handed_in_empty_is_a_failed_sitting(db, person, monkeypatch) -> None:
    state = begin_at(db, person, monkeypatch, FINAL)
    rules.hand_in(db, FINAL, state, {}, T0 + timedelta(minutes=1))
    assert attempts(db, person.id, PACK.id) == []
    assert handed_in(db, person.id, [PACK]) == {PACK.id}
    result = assessment_result(db, person.id, PACK)
    assert result is not None and not result.passed and result.score == 0.0


def test_a_passing_hand_in_earns_its_credit_hours_in_the_same_transaction(db, person,
                                                                          monkeypatch) -> None:
    from trainer.analytics import credits as credit_rules
    from trainer.analytics import summaries
    from trainer.analytics.credits import awards_for

    summaries.ensure(db, [PACK])  # as the app does in the background at start
    credit_rules.ensure(db, [PACK])
    failing = begin_at(db, person, monkeypatch, timed())
    rules.hand_in(db, FINAL, failing, {"f1": WRONG, "f2": WRONG}, T0 + timedelta(minutes=2))
    with db.reader() as session:
        assert [a for a in awards_for(session, person.id, None) if a.source == "assessment"] == []
    later = T0 + timedelta(hours=1)
    passing = begin_at(db, person, monkeypatch, timed(), at=later)
    rules.hand_in(db, FINAL, passing, {"f1": RIGHT, "f2": RIGHT}, later + timedelta(minutes=2))
    with db.reader() as session:
        bonus = [a for a in awards_for(session, person.id, None) if a.source == "assessment"]
    assert len(bonus) == 1 and bonus[0].hours > 0, "passing the final earns the rule's bonus"
    assert bonus[0].earned_at == later, "dated by the passing sitting's start"
