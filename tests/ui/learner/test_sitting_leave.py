"""Quitting (Ctrl+Q, closing the window) or signing out with a final-assessment sitting open asks
first; leaving anyway keeps the sitting and its answers for the learner's return."""

from __future__ import annotations

from typing import Any

import pytest
from learner_helpers import choose_in_leave_box, settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from trainer.store.sittings import open_sitting
from trainer.ui.common.context import AppContext
from trainer.ui.learner.assessment import AssessmentView


@pytest.fixture(autouse=True)
def signed_out_at_the_end(app_ctx: AppContext, qtbot: Any) -> Any:
    """Closing the window at teardown must not ask about a sitting a failed test left open."""
    yield
    app_ctx.set_user(None)


def sitting_open(qapp: QApplication, qtbot: Any, ctx: AppContext, learner: Any) -> Any:
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(learner)
    settle(qapp)
    assert window.show_page("reader", ("learner-mini", "final"))
    view = window.page("reader").view
    assert isinstance(view, AssessmentView)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    view.cards["q-final-1"].input.button(1).click()
    qtbot.waitUntil(lambda: not window.menus.quit_action.shortcut().isEmpty())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window, view


def test_ctrl_q_close_and_sign_out_ask_and_staying_keeps_working(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window, view = sitting_open(qapp, qtbot, app_ctx, learner)
    asked = choose_in_leave_box(monkeypatch, "stay")
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1 and window.isVisible(), "Ctrl+Q asked, and the learner stayed"
    assert "clock keeps running" in asked[0] and "answers so far are saved" in asked[0]
    window.close()  # the window manager's close button sends the same close event
    assert len(asked) == 2 and window.isVisible()
    qtbot.mouseClick(window.sign_out_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 3 and app_ctx.user is not None, "still signed in"
    window.menus.sign_out_action.trigger()
    assert len(asked) == 4 and app_ctx.user is not None
    qtbot.keyClick(window, Qt.Key.Key_U,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(asked) == 5 and app_ctx.user is not None, "Switch User asked too"
    assert view.in_progress() and view.timer.isActive(), "the sitting goes on"
    view.cards["q-final-2"].input.button(0).click()
    view.finish(confirm=False)
    window.close()  # handed in: nothing to ask
    assert len(asked) == 5 and not window.isVisible()


def test_signing_out_anyway_keeps_the_sitting_for_the_return(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window, view = sitting_open(qapp, qtbot, app_ctx, learner)
    started = view.sitting.started_at
    asked = choose_in_leave_box(monkeypatch, "leave")
    qtbot.mouseClick(window.sign_out_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and app_ctx.user is None
    kept = open_sitting(app_ctx.db, learner.id, "learner-mini", "final")
    assert kept is not None and kept.started_at == started
    assert kept.answers == {"q-final-1": view.cards["q-final-1"].response()}
    app_ctx.set_user(learner)
    settle(qapp)
    assert window.show_page("reader", ("learner-mini", "final"))
    again = window.page("reader").view
    assert again is not view and again.in_progress() and again.sitting.id == kept.id
    assert again.cards["q-final-1"].response() == kept.answers["q-final-1"]
    assert again.pages.currentIndex() == 1, "straight back to the questions"
    window.close()  # quit anyway: the process would end here; the sitting stays open
    assert len(asked) == 2 and not window.isVisible()
    assert open_sitting(app_ctx.db, learner.id, "learner-mini", "final") is not None
