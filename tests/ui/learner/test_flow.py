"""A learner's whole day, driven as a user would: first run, study, answer every exercise type
right and wrong, quit, start again the next day and find progress and position as they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from learner_helpers import make_context, settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from trainer.config import Paths
from trainer.ui.learner.exercises import ExerciseCard

RIGHT: dict[str, Any] = {
    "q-single": {"choice": 0}, "q-multiple": {"choices": [0, 1]}, "q-truefalse": {"choice": 0},
    "q-fill": {"text": "一网通办"}, "q-order": {"order": [0, 1, 2, 3]},
    "q-match": {"pairs": {"0": 0, "1": 1, "2": 2}}, "q-open": {"text": "共享企业登记信息。",
                                                              "ticked": [0, 1, 2]},
}
WRONG: dict[str, Any] = {
    "q-single": {"choice": 1}, "q-multiple": {"choices": [2]}, "q-truefalse": {"choice": 1},
    "q-fill": {"text": "最多跑一次"}, "q-order": {"order": [3, 2, 1, 0]},
    "q-match": {"pairs": {"0": 1, "1": 2, "2": 0}}, "q-open": {"text": "不知道。", "ticked": []},
}


def answer(qtbot: Any, card: ExerciseCard, response: dict[str, Any]) -> None:
    """Enter ``response`` through the widget as a learner would, then press Submit."""
    widget = card.input
    kind = card.exercise.type
    if kind in ("single", "truefalse"):
        qtbot.mouseClick(widget.rows[response["choice"]].label, Qt.MouseButton.LeftButton)
    elif kind == "multiple":
        for index in response["choices"]:
            qtbot.mouseClick(widget.rows[index].label, Qt.MouseButton.LeftButton)
    elif kind == "fill":
        widget.edit.insert(response["text"])
    elif kind == "order":
        for target, index in enumerate(response["order"]):
            widget.list.setCurrentRow(widget.order().index(index))
            while widget.order().index(index) > target:
                qtbot.keyClick(widget.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
        if widget.response() is None:  # shown in the wanted order: down and back up answers it
            widget.list.setCurrentRow(0)
            qtbot.keyClick(widget.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClick(widget.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    elif kind == "match":
        for left, right in response["pairs"].items():
            widget.choose(int(left), right)
    elif kind == "open":
        widget.edit.selectAll()  # a retry keeps the text written before: replace it
        widget.edit.insertPlainText(response["text"])
        for index in response["ticked"]:
            widget.boxes[index].click()
    assert card.response() == response
    card.submit_button.click()


def first_run_personal(qtbot: Any, window: Any) -> None:
    screen = window.page("signin")
    assert screen.stack.currentWidget() is screen.setup, "an empty database starts with set-up"
    qtbot.mouseClick(screen.setup.personal_button, Qt.MouseButton.LeftButton)
    screen.setup.name.insert("张伟")
    qtbot.mouseClick(screen.setup.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ctx.user is not None)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_study_quit_and_come_back(qapp: QApplication, qtbot: Any, paths: Paths, bundled: Path,
                                  language: str) -> None:
    from trainer.store.progress import attempts, best_scores, lesson_states

    ctx = make_context(paths, bundled, language)
    window = start_app(qapp, qtbot, ctx)
    first_run_personal(qtbot, window)
    settle(qapp)
    assert window.current_page == "library"
    library = window.page("library")
    qtbot.waitUntil(lambda: "learner-mini" in library.cards)
    assert not library.resume_box.isVisible(), "nothing to continue on the first day"
    qtbot.mouseClick(library.cards["learner-mini"].button, Qt.MouseButton.LeftButton)
    assert window.current_page == "reader"
    course = window.page("reader")
    assert course.module.id == "basics"
    view = course.view
    assert list(view.cards) == list(RIGHT), "exercises in document order"
    for exercise_id, card in view.cards.items():
        answer(qtbot, card, WRONG[exercise_id])
        assert card.feedback_box.isVisible() and card.retry_button.isVisible()
        assert card.feedback_box.property("state") in ("wrong", "partial")
        card.retry_button.click()
        answer(qtbot, card, RIGHT[exercise_id])
        assert card.feedback_box.property("state") == "right", exercise_id
    settle(qapp)
    learner_id = ctx.user.id
    saved = attempts(ctx.db, learner_id, "learner-mini")
    assert len(saved) == 14, "every submission is saved at once"
    assert best_scores(ctx.db, learner_id, "learner-mini") == {e: 1.0 for e in RIGHT}
    outline = course.outline_model
    assert outline.row(0).status == "completed" or course.session.flush() is not None
    course.view.set_fraction(0.5)
    qapp.processEvents()
    position = view.fraction()
    assert 0.3 < position < 0.7
    window.close()  # quitting saves the place
    settle(qapp)
    state = lesson_states(ctx.db, learner_id, "learner-mini")["basics"]
    assert state.status == "completed"
    assert state.position == {"scroll": position}
    ctx.close()

    # --- the next day -----------------------------------------------------------------------
    ctx2 = make_context(paths, bundled, language)
    window2 = start_app(qapp, qtbot, ctx2)
    # personal mode: the one person is signed in without choosing from a list of one
    qtbot.waitUntil(lambda: ctx2.user is not None)
    assert ctx2.user.name == "张伟"
    settle(qapp)
    library2 = window2.page("library")
    qtbot.waitUntil(lambda: library2.resume_box.isVisible())
    assert "数据治理的基本概念" in library2.resume_detail.text()
    if language == "zh_CN":
        assert library2.resume_button.text() == "继续学习"
    else:
        assert library2.resume_button.text() == "Continue"
    qtbot.mouseClick(library2.resume_button, Qt.MouseButton.LeftButton)
    course2 = window2.page("reader")
    assert course2.module.id == "basics"
    qtbot.waitUntil(lambda: abs(course2.view.fraction() - position) < 0.02)
    restored = course2.view.cards["q-match"]
    qtbot.waitUntil(lambda: restored.input.response() == RIGHT["q-match"])  # answers as left
    assert restored.feedback_box.isVisible()
    assert course2.outline_model.row(0).status == "completed"
    assert course2.outline_model.row(0).score == 1.0
    window2.sign_out()
    screen = window2.page("signin")
    assert window2.current_page == "signin" and screen.stack.currentWidget() is screen.chooser
    assert screen.filter.rowCount() == 1, "after signing out the list is shown, not skipped"
    window2.close()
    settle(qapp)
    ctx2.close()
