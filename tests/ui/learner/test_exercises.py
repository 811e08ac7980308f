"""Each exercise widget answered right and wrong as a learner would, graded by the real grader.

The widgets never save anything: these tests use the card alone, as the trainer workspace does.
"""

from __future__ import annotations

from typing import Any

import pytest
from learner_helpers import FIXTURE
from PySide6.QtCore import Qt

from trainer.content.grading import grade
from trainer.content.loader import load_pack
from trainer.ui.learner.exercises import ExerciseCard, FeedbackMode
from trainer.ui.learner.exercises.arrange import MatchInput, OrderInput
from trainer.ui.learner.exercises.choice import ChoiceInput
from trainer.ui.learner.exercises.text import FillInput, OpenInput


@pytest.fixture(scope="module")
def pack() -> Any:
    return load_pack(FIXTURE)


def card_for(qtbot: Any, pack: Any, exercise_id: str, seed: int = 7,
             mode: FeedbackMode = FeedbackMode.PRACTICE) -> ExerciseCard:
    card = ExerciseCard(pack.exercise(exercise_id), lambda md: f"<p>{md}</p>", 1, mode, seed=seed)
    qtbot.addWidget(card)
    card.submitted.connect(lambda response: card.show_grade(grade(card.exercise, response)))
    card.show()
    return card


def submit(qtbot: Any, card: ExerciseCard) -> dict[str, Any]:
    assert card.submit_button.isEnabled(), "an answered exercise can be submitted"
    with qtbot.waitSignal(card.submitted) as blocker:
        qtbot.mouseClick(card.submit_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_single_choice_wrong_then_right_after_retry(qtbot: Any, pack: Any) -> None:
    card = card_for(qtbot, pack, "q-single")
    widget = card.input
    assert isinstance(widget, ChoiceInput)
    assert not card.submit_button.isEnabled(), "nothing chosen yet"
    qtbot.mouseClick(widget.rows[1].label, Qt.MouseButton.LeftButton)  # clicking the text picks it
    assert submit(qtbot, card) == {"choice": 1}
    assert "Not correct" in card.verdict.text()
    assert widget.rows[1].feedback.text() == "开放是面向社会公众的。"
    assert widget.rows[0].mark.isVisible(), "the right answer is pointed out"
    assert card.explanation.isVisible() and "共享在部门之间" in card.explanation.text()
    assert card.retry_button.isVisible()
    qtbot.mouseClick(card.retry_button, Qt.MouseButton.LeftButton)
    assert not card.feedback_box.isVisible()
    card.input.button(0).click()
    assert submit(qtbot, card) == {"choice": 0}
    assert "Correct" in card.verdict.text() and "100%" in card.verdict.text()


def test_choices_are_shuffled_per_attempt_but_answers_use_author_indices(qtbot: Any,
                                                                          pack: Any) -> None:
    orders = {tuple(card_for(qtbot, pack, "q-single", seed=s).input.display_order())
              for s in range(1, 12)}
    assert len(orders) > 1, "options appear in different orders"
    assert all(sorted(order) == [0, 1, 2] for order in orders)
    assert all(order != (0, 1, 2) for order in orders), "never the author's (answer) order"


def test_multiple_choice_partial_credit(qtbot: Any, pack: Any) -> None:
    card = card_for(qtbot, pack, "q-multiple")
    card.input.button(0).click()
    card.input.button(2).click()
    assert submit(qtbot, card) == {"choices": [0, 2]}
    assert "Not correct" in card.verdict.text() and "0%" in card.verdict.text()
    card.retry()
    card.input.button(0).click()
    submit(qtbot, card)
    assert "Partly correct" in card.verdict.text() and "50%" in card.verdict.text()
    card.retry()
    card.input.button(0).click()
    card.input.button(1).click()
    submit(qtbot, card)
    assert "Correct" in card.verdict.text()


def test_true_false_is_not_shuffled(qtbot: Any, pack: Any) -> None:
    card = card_for(qtbot, pack, "q-truefalse")
    assert card.input.display_order() == [0, 1]
    card.input.button(1).click()
    submit(qtbot, card)
    assert "Not correct" in card.verdict.text()


def test_fill_in_enter_submits_and_matching_is_loose(qtbot: Any, pack: Any) -> None:
    card = card_for(qtbot, pack, "q-fill")
    widget = card.input
    assert isinstance(widget, FillInput)
    widget.edit.insert("一网")  # Chinese arrives from the input method, not as key presses
    with qtbot.waitSignal(card.submitted):
        qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert "Not correct" in card.verdict.text()
    assert "一网通办" in widget.solution.text(), "accepted answers are shown afterwards"
    assert widget.edit.isReadOnly()
    card.retry()
    card.input.edit.insert(" 一网通办 ")
    submit(qtbot, card)
    assert "Correct" in card.verdict.text()


def test_order_by_keyboard(qtbot: Any, pack: Any) -> None:
    card = card_for(qtbot, pack, "q-order")
    widget = card.input
    assert isinstance(widget, OrderInput)
    assert widget.order() != [0, 1, 2, 3], "shuffled"
    assert not card.submit_button.isEnabled(), "the shuffled order is not an answer"
    qtbot.mouseClick(widget.down, Qt.MouseButton.LeftButton)
    assert submit(qtbot, card)["order"] == widget.order()
    assert not card.verdict.text().startswith("Correct")
    assert "查阅共享目录" in widget.solution.text()
    card.retry()
    widget = card.input
    for target in range(4):  # select each step and move it up into place with Ctrl+Up
        row = widget.order().index(target)
        widget.list.setCurrentRow(row)
        for _ in range(row - target):
            qtbot.keyClick(widget.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert widget.order() == [0, 1, 2, 3]
    assert submit(qtbot, card) == {"order": [0, 1, 2, 3]}
    assert "Correct" in card.verdict.text()


def test_match_by_choosing_partners(qtbot: Any, pack: Any) -> None:
    card = card_for(qtbot, pack, "q-match")
    widget = card.input
    assert isinstance(widget, MatchInput)
    widget.choose(0, 1)
    widget.choose(1, 0)
    assert not card.submit_button.isEnabled(), "every item needs a partner"
    assert widget.response() == {"pairs": {"0": 1, "1": 0}}, "what was picked so far"
    widget.choose(2, 2)
    assert submit(qtbot, card) == {"pairs": {"0": 1, "1": 0, "2": 2}}
    assert "Partly correct" in card.verdict.text() and "33%" in card.verdict.text()
    assert widget.marks[0].isVisible() and "部门之间提供数据" in widget.marks[0].text()
    assert not widget.marks[2].isVisible()
    card.retry()
    for left in range(3):
        card.input.choose(left, left)
    submit(qtbot, card)
    assert "Correct" in card.verdict.text()


def test_open_response_self_assessed_against_the_rubric(qtbot: Any, pack: Any) -> None:
    card = card_for(qtbot, pack, "q-open")
    widget = card.input
    assert isinstance(widget, OpenInput)
    assert len(widget.boxes) == 3
    widget.edit.insertPlainText("企业登记信息可以共享给税务部门。")
    widget.boxes[0].click()
    assert submit(qtbot, card) == {"text": "企业登记信息可以共享给税务部门。", "ticked": [0]}
    assert "50%" in card.verdict.text()
    assert "参考答案" in card.explanation.text()


def test_exam_mode_gives_no_feedback_and_has_no_submit(qtbot: Any, pack: Any) -> None:
    card = card_for(qtbot, pack, "q-final-1", mode=FeedbackMode.EXAM)
    card.input.button(1).click()
    assert not card.submit_button.isVisible()
    assert card.response() == {"choice": 1}
    assert not card.feedback_box.isVisible()


def test_restore_shows_an_earlier_answer_graded(qtbot: Any, pack: Any) -> None:
    card = card_for(qtbot, pack, "q-match")
    response = {"pairs": {"0": 0, "1": 1, "2": 2}}
    card.restore(response, grade(card.exercise, response))
    assert card.input.response() == response
    assert "Correct" in card.verdict.text()
    assert card.retry_button.isVisible()


BASICS = ("q-single", "q-multiple", "q-truefalse", "q-fill", "q-order", "q-match", "q-open")


@pytest.mark.parametrize("mode", [FeedbackMode.PRACTICE, FeedbackMode.EXAM])
def test_every_type_reports_no_response_until_the_learner_acts(qtbot: Any, pack: Any,
                                                               mode: FeedbackMode) -> None:
    """Only what the learner did counts (issue 17): a widget's starting state — the shuffled
    order, the first entry of a drop-down — is never an answer, for all seven types."""
    assert {pack.exercise(e).type for e in BASICS} == {
        "single", "multiple", "truefalse", "fill", "order", "match", "open"}
    for exercise_id in BASICS:
        for seed in (1, 2, 3):
            card = card_for(qtbot, pack, exercise_id, seed=seed, mode=mode)
            assert card.response() is None, exercise_id
            assert not card.submit_button.isEnabled(), exercise_id
            assert not grade(card.exercise, card.response()).answered
            card.input.setFocus()
            qtbot.keyClick(card.input, Qt.Key.Key_Tab)  # moving through is not answering
            assert card.response() is None, exercise_id


def test_one_move_or_one_pick_is_an_answer(qtbot: Any, pack: Any) -> None:
    order = card_for(qtbot, pack, "q-order", mode=FeedbackMode.EXAM)
    order.input.list.setCurrentRow(1)
    qtbot.keyClick(order.input.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert order.response() == {"order": order.input.order()}
    match = card_for(qtbot, pack, "q-match", mode=FeedbackMode.EXAM)
    match.input.choose(1, 1)
    result = grade(match.exercise, match.response())
    assert result.answered and result.score == pytest.approx(1 / 3)


def test_retry_keeps_a_written_answer_and_clears_the_rest(qtbot: Any, pack: Any) -> None:
    """再做一次 on a written answer keeps the text to improve on; other types start afresh."""
    card = card_for(qtbot, pack, "q-open")
    card.input.edit.insertPlainText("企业登记信息可以共享给税务部门。")
    card.input.boxes[0].click()
    submit(qtbot, card)
    qtbot.mouseClick(card.retry_button, Qt.MouseButton.LeftButton)
    assert card.input.edit.toPlainText() == "企业登记信息可以共享给税务部门。"
    assert not any(box.isChecked() for box in card.input.boxes), "the ticks are asked again"
    assert not card.input.edit.isReadOnly() and card.submit_button.isEnabled()
    fill = card_for(qtbot, pack, "q-fill")
    fill.input.edit.insert("一网")
    submit(qtbot, fill)
    qtbot.mouseClick(fill.retry_button, Qt.MouseButton.LeftButton)
    assert fill.response() is None


def test_a_partly_right_option_is_labelled_partly_correct_in_a_neutral_colour(
        qtbot: Any, pack: Any, tmp_path: Any) -> None:
    """A single-choice option written '- [50%] …' earns half the marks: the learner who picks
    it is told 'Partly correct' on a neutral row, never 'Not correct' in red."""
    import dataclasses

    from PySide6.QtGui import QColor

    from trainer.content.model import Option
    from trainer.ui.learner.style import LEARNER_QSS

    exercise = pack.exercise("q-single")
    near = dataclasses.replace(exercise, shuffle=False, options=(
        exercise.options[0], Option("接近正确", False, "方向对，但还不完整。", 0.5),
        *exercise.options[2:]))
    card = ExerciseCard(near, lambda md: f"<p>{md}</p>", 1, FeedbackMode.PRACTICE, seed=7)
    card.setStyleSheet(LEARNER_QSS)
    qtbot.addWidget(card)
    card.submitted.connect(lambda response: card.show_grade(grade(card.exercise, response)))
    card.resize(560, 420)
    card.show()
    qtbot.mouseClick(card.input.rows[1].label, Qt.MouseButton.LeftButton)
    submit(qtbot, card)
    row = card.input.rows[1]
    assert "Partly correct" in card.verdict.text() and "50%" in card.verdict.text()
    assert row.mark.text() == "Partly correct" and row.property("state") == "partial"
    assert row.feedback.text() == "方向对，但还不完整。"
    def tint(state: str) -> QColor:
        row.set_state(state, row.mark.text(), "")
        image = row.grab().toImage()
        return QColor(image.pixel(image.width() - 3, image.height() // 2))

    card.grab().save(str(tmp_path / "partly-correct.png"))
    partial, wrong = tint("partial"), tint("wrong")
    assert wrong.red() - wrong.green() > 12, f"the check sees a red row: {wrong.name()}"
    assert abs(partial.red() - partial.green()) < 8 and abs(partial.red() - partial.blue()) < 8, \
        f"a neutral (grey) row, not red: {partial.name()}"
