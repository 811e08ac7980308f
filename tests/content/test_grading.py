"""Grading rules per exercise type, including the partial credit the authoring guide promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.content.errors import ResponseInvalid
from trainer.content.grading import grade, is_answered, normalize_answer
from trainer.content.loader import load_pack
from trainer.content.model import Criterion, Exercise, Option

STARTER = Path(__file__).resolve().parents[2] / "trainer" / "content" / "starter" / "zh-CN"


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack(STARTER)


def _exercise(**fields: object) -> Exercise:
    base: dict[str, object] = {"id": "q", "type": "single", "module_id": "m", "file": "m.md",
                               "line": 1, "question": "?"}
    base.update(fields)
    return Exercise(**base)  # type: ignore[arg-type]


def test_single_choice_scores_the_ticked_option_and_returns_its_feedback(pack) -> None:  # type: ignore[no-untyped-def]
    exercise = pack.exercise("q-sharing-type")
    right = grade(exercise, {"choice": 1})
    wrong = grade(exercise, {"choice": 0})
    assert (right.score, right.correct) == (1.0, True)
    assert (wrong.score, wrong.correct) == (0.0, False)
    assert wrong.feedback == ("人口基础信息涉及个人信息，不能无条件提供给所有部门。",)


def test_truefalse_is_graded_like_single_choice(pack) -> None:  # type: ignore[no-untyped-def]
    exercise = pack.exercise("q-sharing-free")
    assert grade(exercise, {"choice": 1}).correct
    assert grade(exercise, {"choice": 0}).score == 0.0


def test_multiple_choice_partial_credit_subtracts_wrong_ticks() -> None:
    exercise = _exercise(type="multiple", options=(
        Option("a", True), Option("b", True), Option("c", False), Option("d", False)))
    assert grade(exercise, {"choices": [0, 1]}).score == 1.0
    assert grade(exercise, {"choices": [0]}).score == 0.5
    assert grade(exercise, {"choices": [0, 2]}).score == 0.0
    assert grade(exercise, {"choices": [2, 3]}).score == 0.0  # never below 0
    assert grade(exercise, {"choices": [0, 1, 2]}).score == 0.5
    assert not grade(exercise, {"choices": [0, 1, 2]}).correct


def test_fill_accepts_any_answer_ignoring_width_case_and_spaces() -> None:
    exercise = _exercise(type="fill", answers=("一网通办", "ABC 12"))
    for typed in ("一网通办", " 一网 通办 ", "ＡＢＣ １２", "abc12"):
        assert grade(exercise, {"text": typed}).correct, typed
    assert not grade(exercise, {"text": "一网统办"}).correct
    assert not grade(exercise, {"text": "   "}).correct


def test_fill_exact_keeps_case_and_inner_spaces() -> None:
    exercise = _exercise(type="fill", answers=("ABC 12",), match_mode="exact")
    assert grade(exercise, {"text": " ABC 12 "}).correct
    assert not grade(exercise, {"text": "abc 12"}).correct
    assert normalize_answer("ＡＢＣ", "exact") == "ABC"


def test_order_scores_the_share_of_pairs_in_the_right_relative_order() -> None:
    exercise = _exercise(type="order", items=("a", "b", "c", "d"))
    assert grade(exercise, {"order": [0, 1, 2, 3]}).score == 1.0
    assert grade(exercise, {"order": [3, 2, 1, 0]}).score == 0.0
    swapped = grade(exercise, {"order": [1, 0, 2, 3]})
    assert swapped.score == pytest.approx(5 / 6)
    assert [p.correct for p in swapped.parts] == [False, False, True, True]


def test_match_scores_the_share_of_correct_pairs() -> None:
    exercise = _exercise(type="match", pairs=(("a", "1"), ("b", "2"), ("c", "3")))
    assert grade(exercise, {"pairs": {"0": 0, "1": 1, "2": 2}}).score == 1.0
    partly = grade(exercise, {"pairs": {"0": 0, "1": 2, "2": 1}})
    assert partly.score == pytest.approx(1 / 3)
    assert grade(exercise, {"pairs": {"0": 0}}).score == pytest.approx(1 / 3)


def test_open_self_grading_scores_ticked_points_and_trainer_grading_waits() -> None:
    rubric = (Criterion(2, "x"), Criterion(1, "y"), Criterion(1, "z"))
    mine = _exercise(type="open", rubric=rubric, grading="self")
    assert grade(mine, {"text": "…", "ticked": [0, 2]}).score == 0.75
    assert grade(mine, {"text": "…", "ticked": [0, 1, 2]}).correct
    waiting = grade(_exercise(type="open", rubric=rubric, grading="trainer"), {"text": "…"})
    assert waiting.score is None and not waiting.correct


@pytest.mark.parametrize(("kind", "response"), [
    ("single", {"choice": 9}), ("single", {"choice": "1"}), ("single", {}),
    ("multiple", {"choices": 1}), ("fill", {"text": 3}), ("order", {"order": [0, 0, 1]}),
    ("match", {"pairs": {"x": 0}}), ("match", {"pairs": [0]}), ("open", {"ticked": [5]}),
])
def test_responses_that_do_not_fit_raise_response_invalid(kind: str, response: dict) -> None:  # type: ignore[type-arg]
    exercise = _exercise(type=kind, options=(Option("a", True), Option("b", False)),
                         items=("a", "b", "c"), pairs=(("a", "1"), ("b", "2")),
                         rubric=(Criterion(1, "x"),), answers=("a",))
    with pytest.raises(ResponseInvalid):
        grade(exercise, response)


_ALL_TYPES = ("single", "truefalse", "multiple", "fill", "order", "match", "open")
_EMPTY = {"single": None, "truefalse": None, "multiple": {"choices": []}, "fill": {"text": "  "},
          "order": None, "match": {"pairs": {}}, "open": {"text": "", "ticked": [0]}}


@pytest.mark.parametrize("kind", _ALL_TYPES)
def test_no_response_is_unanswered_scores_zero_and_marks_nothing(kind: str) -> None:
    """Only what the learner did counts: a question left alone is never scored (issue 17)."""
    exercise = _exercise(type=kind, options=(Option("a", True), Option("b", False)),
                         items=("a", "b", "c"), pairs=(("a", "1"), ("b", "2")),
                         rubric=(Criterion(1, "x"),), answers=("a",))
    for response in (None, _EMPTY[kind]):
        assert not is_answered(exercise, response)
        result = grade(exercise, response)
        assert (result.score, result.correct, result.answered, result.parts) == (0.0, False,
                                                                                  False, ())
