"""Reading a course: zoom, keyboard navigation, case layout, search hits, links from elsewhere."""

from __future__ import annotations

from typing import Any

from learner_helpers import settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from trainer.ui.common.context import AppContext
from trainer.ui.learner.lesson import LessonView


def open_reader(qapp: QApplication, qtbot: Any, ctx: AppContext, learner: Any,
                payload: Any = "learner-mini") -> Any:
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(learner)
    settle(qapp)
    assert window.show_page("reader", payload)
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def test_zoom_keys_change_the_text_size_and_are_remembered(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any) -> None:
    window = open_reader(qapp, qtbot, app_ctx, learner)
    course = window.page("reader")
    text = course.view.texts[0][0]
    assert text.document().defaultFont().pixelSize() == 15
    qtbot.keyClick(course, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(course, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert app_ctx.settings.get("lesson_font_size") == 17
    assert text.document().defaultFont().pixelSize() == 17
    qtbot.keyClick(course, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert app_ctx.settings.get("lesson_font_size") == 16
    qtbot.keyClick(course, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert app_ctx.settings.get("lesson_font_size") == 15


def test_keyboard_next_and_previous_and_the_case_layout(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any) -> None:
    window = open_reader(qapp, qtbot, app_ctx, learner)
    course = window.page("reader")
    assert course.module.id == "basics"
    assert not course.view.previous_button.isEnabled()
    qtbot.keyClick(course, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert course.module.id == "case-leak"
    view = course.view
    assert isinstance(view, LessonView) and view.scenario is not None
    assert "3000 名群众身份证号" in view.scenario.toPlainText(), "the scenario is beside"
    assert list(view.cards) == ["q-case-first", "q-case-tf"]
    qapp.processEvents()
    assert view.scenario.isVisible() and view.cards["q-case-first"].isVisible()
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert course.module.id == "basics"
    assert course.outline.currentIndex().row() == 0


def test_search_hit_opens_the_lesson_at_the_text(qapp: QApplication, qtbot: Any,
                                                 app_ctx: AppContext, learner: Any) -> None:
    window = start_app(qapp, qtbot, app_ctx)
    app_ctx.set_user(learner)
    settle(qapp)
    window.show_page("search")
    search = window.page("search")
    qtbot.waitUntil(lambda: search.index is not None)
    search.field.insert("履行职责")
    qtbot.waitUntil(lambda: search.model.rowCount() == 1)
    assert "1 place" in search.summary.text()
    qtbot.keyClick(search.field, Qt.Key.Key_Return)
    assert window.current_page == "reader"
    view = window.page("reader").view
    qtbot.waitUntil(lambda: any(t.textCursor().selectedText() == "履行职责" for t, _ in view.texts))


def test_exercise_links_from_the_dashboard_open_the_right_module(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any) -> None:
    window = start_app(qapp, qtbot, app_ctx)
    app_ctx.set_user(learner)
    settle(qapp)
    app_ctx.request_page("exercise", ("learner-mini", "q-case-tf"))
    assert window.current_page == "reader"
    assert window.page("reader").module.id == "case-leak"
    app_ctx.request_page("reader", ("learner-mini", "glossary"))
    assert window.page("reader").module.id == "glossary"
    assert window.page("reader").view.cards == {}


def test_study_time_and_place_are_saved_when_leaving_a_module(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any) -> None:
    from trainer.store.progress import lesson_states

    window = open_reader(qapp, qtbot, app_ctx, learner)
    course = window.page("reader")
    course.session.tracker.seconds = 42.6  # as if studied actively for that long
    course.view.set_fraction(0.4)
    qapp.processEvents()
    place = course.view.fraction()
    course.step(1)  # leaving the module saves what was counted, once the next one has painted

    def saved() -> Any:
        return lesson_states(app_ctx.db, learner.id, "learner-mini").get("basics")

    qtbot.waitUntil(lambda: saved() is not None and saved().seconds >= 42, timeout=3000)
    state = saved()
    assert state.seconds == 42 and state.position == {"scroll": place}
    assert state.status == "in_progress", "not every exercise is answered yet"
    window.show_page("library")  # another page: the open module stops counting
    assert not course.session.tracker.running
