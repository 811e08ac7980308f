"""The whole learner path with the keyboard alone (GB/T 37668, WCAG 2.1.1 "Keyboard").

Only key events reach the app: each key goes to the widget that has focus, as a keyboard would
send it. The test looks at the screens to decide which key to press (as a sighted keyboard user
would), but never clicks, never calls a slot and never sets a value itself. A control the
keyboard cannot reach (Tab never lands on it) or cannot operate fails the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from learner_helpers import make_context, settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from trainer.config import Paths

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier
TAB_LIMIT = 250  # more Tabs than any screen has controls: a control not reached is unreachable


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE, times: int = 1) -> None:
    """Press ``key`` ``times`` times, each time to whatever has focus."""
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)
        QApplication.processEvents()


def type_text(qtbot: Any, text: str) -> None:
    """Type ``text`` into the focused field: ASCII as key presses, Chinese as an input method
    commits it (how Chinese is typed: QTest cannot press keys for characters no key has)."""
    from PySide6.QtGui import QInputMethodEvent

    if text.isascii():
        qtbot.keyClicks(focused(), text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(focused(), event)
    QApplication.processEvents()


def tab_to(qtbot: Any, wanted: Any, what: str) -> QWidget:
    """Press Tab until focus is on a widget ``wanted`` accepts (a widget or a predicate)."""
    test = wanted if callable(wanted) and not isinstance(wanted, QWidget) else (
        lambda w: w is wanted)
    for _ in range(TAB_LIMIT):
        if test(focused()):
            return focused()
        press(qtbot, Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {what} (focus stays around {focused()!r})")


def inside(parent: QWidget, kind: type[QWidget] = QWidget) -> Any:
    return lambda w: isinstance(w, kind) and w.isVisible() and parent.isAncestorOf(w)


def answer_by_keyboard(qtbot: Any, card: Any, right: dict[str, Any]) -> None:
    """Give the right answer to one exercise card with keys only."""
    widget, kind = card.input, card.exercise.type
    if kind in ("single", "truefalse"):
        wanted = widget.button(right["choice"])
        tab_to(qtbot, inside(widget, QRadioButton), "the options")
        for _ in range(len(widget.rows)):  # arrows move through the options
            if focused() is wanted:
                break
            press(qtbot, Key.Key_Down)
        assert focused() is wanted, "arrow keys reach every option"
        press(qtbot, Key.Key_Space)
        assert wanted.isChecked()
    elif kind == "multiple":
        for index in right["choices"]:
            tab_to(qtbot, widget.button(index), f"option {index}")  # each box: a Tab stop
            press(qtbot, Key.Key_Space)
        assert widget.chosen() == sorted(right["choices"])
    elif kind == "fill":
        tab_to(qtbot, inside(widget, QLineEdit), "the answer field")
        type_text(qtbot, right["text"])
    elif kind == "order":
        tab_to(qtbot, inside(widget, QListWidget), "the steps")
        for target, index in enumerate(right["order"]):
            press(qtbot, Key.Key_Home)  # select a step with the arrows, move it with Ctrl+arrows
            press(qtbot, Key.Key_Down, times=widget.order().index(index))
            while widget.order().index(index) > target:
                press(qtbot, Key.Key_Up, CTRL)
        if widget.response() is None:  # already in the right order: a move down and back
            press(qtbot, Key.Key_Home)
            press(qtbot, Key.Key_Down, CTRL)
            press(qtbot, Key.Key_Up, CTRL)
    elif kind == "match":
        for left, partner in right["pairs"].items():
            combo = widget.combos[int(left)]
            tab_to(qtbot, combo, f"the drop-down of pair {left}")
            press(qtbot, Key.Key_Home)
            while combo.currentData() != partner:
                before = combo.currentIndex()
                press(qtbot, Key.Key_Down)
                assert combo.currentIndex() != before, "arrow keys choose a partner"
    elif kind == "open":
        tab_to(qtbot, inside(widget, QPlainTextEdit), "the answer field")
        type_text(qtbot, right["text"])
        for index in right["ticked"]:
            tab_to(qtbot, widget.boxes[index], f"rubric point {index}")
            press(qtbot, Key.Key_Space)
    assert card.response() == right, kind


def activate(qtbot: Any, button: QAbstractButton, what: str) -> None:
    tab_to(qtbot, button, what)
    press(qtbot, Key.Key_Space)


def answer_module(qtbot: Any, view: Any) -> None:
    """Answer and submit every exercise of a lesson or case, in page order, by keyboard."""
    for exercise_id, card in view.cards.items():
        answer_by_keyboard(qtbot, card, RIGHT[exercise_id])
        if card.exercise.type == "fill":
            press(qtbot, Key.Key_Return)  # Enter submits a one-line answer
        else:
            activate(qtbot, card.submit_button, f"Submit of {exercise_id}")
        assert card.feedback_box.isVisible(), exercise_id
        assert card.feedback_box.property("state") == "right", exercise_id


RIGHT: dict[str, Any] = {
    "q-single": {"choice": 0}, "q-multiple": {"choices": [0, 1]}, "q-truefalse": {"choice": 0},
    "q-fill": {"text": "一网通办"}, "q-order": {"order": [0, 1, 2, 3]},
    "q-match": {"pairs": {"0": 0, "1": 1, "2": 2}},
    "q-open": {"text": "共享企业登记信息。", "ticked": [0, 1, 2]},
    "q-case-first": {"choice": 0}, "q-case-tf": {"choice": 1},
    "q-final-1": {"choice": 1}, "q-final-2": {"choice": 0}, "q-final-3": {"text": "一网通办"},
}


def test_learner_path_with_the_keyboard_alone(qapp: QApplication, qtbot: Any, paths: Paths,
                                              bundled: Path, reset_appearance: None) -> None:
    from trainer.store.learners import create_learner
    from trainer.store.progress import best_scores

    ctx = make_context(paths, bundled, "en")
    create_learner(ctx.db, "1001", "张伟", "办公室")
    me = create_learner(ctx.db, "1002", "李娜", "大数据中心")
    window = start_app(qapp, qtbot, ctx)
    window.activateWindow()
    settle(qapp)
    signin = window.page("signin")
    assert focused() is signin.search, "the sign-in screen starts in its search field"
    type_text(qtbot, "1002")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: ctx.user is not None)
    assert ctx.user.id == me.id

    settle(qapp)
    library = window.page("library")
    qtbot.waitUntil(lambda: "learner-mini" in library.cards)
    activate(qtbot, library.cards["learner-mini"].button, "the course's Start button")
    assert window.current_page == "reader"
    course = window.page("reader")
    assert course.module.id == "basics"

    answer_module(qtbot, course.view)  # every exercise type, in page order
    press(qtbot, Key.Key_Right, ALT)  # next module: the case, its questions beside the scenario
    assert course.module.id == "case-leak"
    answer_module(qtbot, course.view)
    settle(qapp)
    assert len(best_scores(ctx.db, me.id, "learner-mini")) == 9
    assert set(best_scores(ctx.db, me.id, "learner-mini").values()) == {1.0}

    press(qtbot, Key.Key_Right, ALT)  # and the final assessment
    assert course.module.id == "final"
    view = course.view
    activate(qtbot, view.start_button, "Start the assessment")
    for exercise_id, card in view.cards.items():
        answer_by_keyboard(qtbot, card, RIGHT[exercise_id])
    activate(qtbot, view.hand_in, "Hand in")
    assert view.result is not None and view.result.percent == 100.0
    review = tab_to(qtbot, lambda w: isinstance(w, QPushButton) and w.isVisible()
                    and view.result_page.isAncestorOf(w), "the result's buttons")
    assert review.isVisible()

    tab_to(qtbot, window.nav, "the navigation list")
    for _ in range(window.nav.count()):
        if window.current_page == "dashboard":
            break
        press(qtbot, Key.Key_Down)
    assert window.current_page == "dashboard", "the navigation list opens pages with arrows"
    settle(qapp)
    ctx.close()

