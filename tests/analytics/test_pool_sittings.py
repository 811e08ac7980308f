"""Question pools in sittings (issue 18): each sitting draws its questions, keeps them (a sitting
resumed after a crash shows the same ones), a retake draws others where the pool allows, and
grading, the pass mark, results and cohort figures use only the drawn questions. SQLite and
PostgreSQL (the ``db`` fixture)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from tests.analytics.builders import T0, exercise, framework, module
from trainer.analytics import sittings as rules
from trainer.analytics.assessment import assessment_result, handed_in
from trainer.analytics.cohort import cohort_completion, learner_table
from trainer.analytics.learner import completion
from trainer.content.model import Pack
from trainer.store import sittings
from trainer.store.learners import create_learner
from trainer.store.progress import attempts

RIGHT, WRONG = {"choice": 0}, {"choice": 1}


def pool_pack() -> Pack:
    """final: 4 literacy questions (l1 recall) and 3 security ones; a sitting draws 2 + 1."""
    lit = [exercise(f"l{i}", "final", {"data-literacy": 1.0}) for i in range(1, 5)]
    sec = [exercise(f"s{i}", "final", {"data-security": 1.0, "data-literacy": 0.5})
           for i in range(1, 4)]
    lit[0] = replace(lit[0], cognitive="recall")
    final = replace(module("final", "assessment", lit + sec),
                    draw={"data-literacy": 2, "data-security": 1}, max_recall=0.5)
    lesson = module("m1", "lesson", [exercise("e1", "m1", {"data-literacy": 1.0})])
    return Pack("pool", "1.0.0", "题库课程", "zh-CN", ("t",), "", 60, framework(),
                (lesson, final), Path("."))


PACK = pool_pack()
FINAL = PACK.module("final")


@pytest.fixture
def person(db):
    return create_learner(db, "3001", "周敏", "数据局")


def begin(db, person, monkeypatch, seed: int, at=T0):
    monkeypatch.setattr(rules, "clock", lambda: at)
    return rules.begin(db, person.id, PACK, FINAL, random.Random(seed))


def by_competency(ids) -> tuple[int, int]:
    return sum(i.startswith("l") for i in ids), sum(i.startswith("s") for i in ids)


def test_the_draw_is_kept_with_the_sitting_and_resumed(db, person, monkeypatch) -> None:
    state = begin(db, person, monkeypatch, seed=1)
    assert state.questions is not None and by_competency(state.questions) == (2, 1)
    again = sittings.open_sitting(db, person.id, PACK.id, FINAL.id)  # the app was killed
    assert again.questions == state.questions
    assert [e.id for e in rules.questions(FINAL, again)] == list(state.questions)
    resumed = rules.resume(db, person.id, PACK, FINAL)
    assert resumed.open is not None and resumed.open.questions == state.questions


def test_only_drawn_questions_are_graded_and_the_mark_is_per_sitting(db, person,
                                                                       monkeypatch) -> None:
    state = begin(db, person, monkeypatch, seed=2)
    drawn = list(state.questions)
    undrawn = next(e.id for e in FINAL.exercises if e.id not in drawn)
    answers = {drawn[0]: RIGHT, drawn[1]: RIGHT, drawn[2]: WRONG, undrawn: RIGHT}
    graded, done = rules.hand_in(db, FINAL, state, answers, T0 + timedelta(minutes=5))
    assert done and set(graded.grades) == set(drawn), "the review shows the sitting's questions"
    assert sorted(a.exercise_id for a in attempts(db, person.id, PACK.id)) == sorted(drawn[:3])
    result = assessment_result(db, person.id, PACK)
    assert result.score == pytest.approx(200 / 3) and result.passed, "2 of 3 drawn, not of 7"
    rows = cohort_completion(db, [PACK], by="all")
    assert [(r.learners, r.passed) for r in rows] == [(1, 1)], "the cohort SQL agrees"
    assert learner_table(db, [PACK])[0].passed == ("pool",)
    final_row = next(m for m in completion(db, person.id, PACK).modules if m.kind == "assessment")
    assert (final_row.answered, final_row.exercises) == (3, 3)
    assert handed_in(db, person.id, [PACK]) == {PACK.id}


def test_a_failed_sitting_of_a_pool_fails_by_the_draw_size(db, person, monkeypatch) -> None:
    state = begin(db, person, monkeypatch, seed=3)
    drawn = list(state.questions)
    rules.hand_in(db, FINAL, state, {drawn[0]: RIGHT}, T0 + timedelta(minutes=5))
    result = assessment_result(db, person.id, PACK)
    assert result.score == pytest.approx(100 / 3) and not result.passed
    assert [r.passed for r in cohort_completion(db, [PACK], by="all")] == [0]


def test_a_retake_draws_other_questions_where_the_pool_allows(db, person, monkeypatch) -> None:
    first = begin(db, person, monkeypatch, seed=4)
    rules.hand_in(db, FINAL, first, {}, T0 + timedelta(minutes=1))
    second = begin(db, person, monkeypatch, seed=4, at=T0 + timedelta(hours=1))
    assert by_competency(second.questions) == (2, 1)
    # 4 literacy questions, 2 drawn: the retake takes the other two; 3 security: another one
    assert not set(first.questions) & set(second.questions)
    rules.hand_in(db, FINAL, second, {}, T0 + timedelta(hours=1, minutes=1))
    third = begin(db, person, monkeypatch, seed=4, at=T0 + timedelta(hours=2))
    assert not set(second.questions) & set(third.questions)
    assert assessment_result(db, person.id, PACK).sittings == 2


def test_a_module_without_draw_keeps_every_question(db, person, monkeypatch) -> None:
    plain = replace(FINAL, draw={}, max_recall=None)
    monkeypatch.setattr(rules, "clock", lambda: T0)
    state = rules.begin(db, person.id, PACK, plain)
    assert state.questions is None
    assert sittings.open_sitting(db, person.id, PACK.id, FINAL.id).questions is None
    assert [e.id for e in rules.questions(plain, state)] == [e.id for e in FINAL.exercises]


def test_search_shows_only_the_pool_questions_a_learner_met(db, person, monkeypatch) -> None:
    from trainer.analytics.assessment import revealed

    assert revealed(db, person.id, [PACK]) == (frozenset(), frozenset()), "before hand-in"
    state = begin(db, person, monkeypatch, seed=5)
    assert revealed(db, person.id, [PACK]) == (frozenset(), frozenset()), "open: still hidden"
    rules.hand_in(db, FINAL, state, {state.questions[0]: RIGHT}, T0 + timedelta(minutes=2))
    packs, questions = revealed(db, person.id, [PACK])
    assert packs == frozenset(), "the rest of the pool stays hidden for a retake"
    assert questions == {(PACK.id, q) for q in state.questions}, "seen, answered or not"
    plain = replace(PACK, modules=(PACK.modules[0], replace(FINAL, draw={}, max_recall=None)))
    assert revealed(db, person.id, [plain]) == ({PACK.id}, frozenset()), "no pool: the whole final"
