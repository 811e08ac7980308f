"""The final assessment: no feedback until handed in, time limit, pass/fail, per competency."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from learner_helpers import FIXTURE, choose_in_leave_box, settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from trainer.analytics import sittings as rules
from trainer.content.loader import load_pack
from trainer.store.progress import attempts, lesson_states
from trainer.ui.common.context import AppContext
from trainer.ui.learner.assessment import AssessmentView
from trainer.ui.learner.sitting import sitting_result


def open_final(qapp: QApplication, qtbot: Any, ctx: AppContext, learner: Any) -> AssessmentView:
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(learner)
    settle(qapp)
    assert window.show_page("reader", ("learner-mini", "final"))
    view = window.page("reader").view
    assert isinstance(view, AssessmentView)
    return view


def test_sitting_graded_at_the_end_and_saved_with_one_start(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    view = open_final(qapp, qtbot, app_ctx, learner)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    assert "Time left 10:00" in view.timer_label.text() or "09:5" in view.timer_label.text()
    cards = view.cards
    cards["q-final-1"].input.button(1).click()
    cards["q-final-2"].input.button(0).click()
    assert "Answered 2 of 3" in view.answered_label.text()
    assert not any(card.feedback_box.isVisible() for card in cards.values()), "no feedback yet"
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(view.hand_in, Qt.MouseButton.LeftButton)
    assert view.result is None, "the learner chose to go on answering"
    cards["q-final-3"].input.edit.insert("最多跑一次")
    qtbot.mouseClick(view.hand_in, Qt.MouseButton.LeftButton)
    result = view.result
    assert result is not None and result.percent == pytest.approx(66.7)
    assert result.passed and result.pass_mark == 60
    assert view.pages.currentIndex() == 2
    assert "Passed" in view.verdict_label.text()
    assert {c.competency_id: c.percent for c in result.competencies} == {
        "data-literacy": 0.0, "data-sharing": 100.0, "data-security": 100.0}
    settle(qapp)
    saved = attempts(app_ctx.db, learner.id, "learner-mini")
    assert len(saved) == 3
    assert len({a.started_at for a in saved}) == 1, "one sitting, one start time"
    assert not cards["q-final-3"].feedback_box.isHidden(), "feedback after handing in"
    course = view.window().page("reader")
    course.session.flush()
    assert lesson_states(app_ctx.db, learner.id, "learner-mini")["final"].status == "completed"
    course.refresh_outline()
    assert course.outline_model.row(2).score == pytest.approx(2 / 3), "the sitting, not a mix"
    course.step(1)
    course.step(-1)
    again = course.view
    assert again is not view and "66.7% (passed)" in again.earlier_label.text()


def test_time_up_hands_in_automatically(qapp: QApplication, qtbot: Any, app_ctx: AppContext,
                                        learner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    view = open_final(qapp, qtbot, app_ctx, learner)
    view.start()
    view.cards["q-final-1"].input.button(0).click()
    later = view.sitting.started_at + timedelta(minutes=10, seconds=1)
    monkeypatch.setattr(rules, "clock", lambda: later)  # the clock has run out
    view._tick()
    assert view.result is not None and not view.result.passed
    assert view.result.answered == 1 and view.result.percent == 0.0
    assert "Not passed" in view.verdict_label.text()


def test_sitting_result_counts_unanswered_and_pending_as_zero() -> None:
    pack = load_pack(FIXTURE)
    final = pack.module("final")
    result = sitting_result(pack, final, {"q-final-1": 1.0, "q-final-2": None}, {"q-final-1",
                                                                                "q-final-2"})
    assert result.percent == pytest.approx(33.3)
    assert result.pending == 1 and result.answered == 2 and result.total == 3
    assert not result.passed


def test_leaving_a_sitting_half_way_asks_first(qapp: QApplication, qtbot: Any,
                                               app_ctx: AppContext, learner: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    view = open_final(qapp, qtbot, app_ctx, learner)
    course = view.window().page("reader")
    view.start()
    view.cards["q-final-1"].input.button(1).click()
    asked = choose_in_leave_box(monkeypatch, "stay")
    course.step(-1)
    assert asked and course.view is view, "the learner chose to stay"
    assert "answers so far are saved" in asked[0]
    choose_in_leave_box(monkeypatch, "leave")
    course.step(-1)
    assert course.module.id == "case-leak"
