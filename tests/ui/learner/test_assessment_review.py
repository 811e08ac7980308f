"""After hand-in only what the learner did counts, and the learner sees it (issue 17): every
question is reviewed with its right answer and explanation, answered or not; the countdown is
gone; a final that did not pass reads "Not passed" in the outline, the library and the dashboard,
never a green "Done" at 100 %."""

from __future__ import annotations

import os
from typing import Any

import pytest
from learner_helpers import settle, start_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from trainer.analytics.learner import completion
from trainer.store.progress import attempts
from trainer.ui.common.context import AppContext
from trainer.ui.learner.models import OutlineModel


def _hand_in_one_wrong(qapp: QApplication, qtbot: Any, ctx: AppContext, learner: Any,
                       monkeypatch: pytest.MonkeyPatch) -> Any:
    window = start_app(qapp, qtbot, ctx)
    ctx.set_user(learner)
    settle(qapp)
    assert window.show_page("reader", ("learner-mini", "final"))
    view = window.page("reader").view
    view.start()
    assert view.timer_label.isVisible()
    view.cards["q-final-1"].input.button(0).click()  # wrong; the other two left untouched
    assert "Answered 1 of 3" in view.answered_label.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.hand_in, Qt.MouseButton.LeftButton)
    settle(qapp)
    return window, view


def test_review_shows_every_answer_and_explanation_and_the_clock_stops(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    window, view = _hand_in_one_wrong(qapp, qtbot, app_ctx, learner, monkeypatch)
    assert view.result is not None and view.result.answered == 1
    assert len(attempts(app_ctx.db, learner.id, "learner-mini")) == 1, "unanswered: not saved"
    view.pages.setCurrentIndex(1)  # "Review answers and explanations"
    qapp.processEvents()
    assert not view.timer_label.isVisible(), "the countdown ends with the sitting"
    for exercise_id, card in view.cards.items():
        assert card.feedback_box.isVisible(), exercise_id
        assert card.explanation.isVisible() and "解析" in card.explanation.text(), exercise_id
    assert "Not answered" in view.cards["q-final-2"].verdict.text()
    assert "Not correct" in view.cards["q-final-1"].verdict.text()
    right = view.cards["q-final-2"].input
    assert any(row.mark.isVisible() and row.mark.text() == "Correct answer"
               for row in right.rows.values()), "the right answer of an unanswered question"
    assert "一网通办" in view.cards["q-final-3"].input.solution.text()
    assert view.cards["q-final-3"].input.solution.isVisible()
    if os.environ.get("TRAINER_SCREENSHOTS"):
        window.grab().save(str(tmp_path / "review.png"))


def test_a_failed_final_reads_not_passed_everywhere(
        qapp: QApplication, qtbot: Any, app_ctx: AppContext, learner: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window, view = _hand_in_one_wrong(qapp, qtbot, app_ctx, learner, monkeypatch)
    assert view.result is not None and not view.result.passed
    course = window.page("reader")
    course.refresh_outline()
    row = course.outline_model.row(course.outline_model.row_of("final"))
    assert row.status == "failed"
    assert OutlineModel.details(row).startswith("Not passed")
    pack = next(p for p in app_ctx.library.packs() if p.id == "learner-mini")
    shown = {m.module_id: m.status for m in completion(app_ctx.db, learner.id, pack).modules}
    assert shown["final"] == "failed"
    window.show_page("library")
    settle(qapp)
    library = window.page("library")
    qtbot.waitUntil(lambda: "learner-mini" in library.cards)
    assert "Final assessment not passed" in library.cards["learner-mini"].status.text()
    window.show_page("dashboard")
    dashboard = window.page("dashboard")
    qtbot.waitUntil(lambda: not getattr(dashboard, "loading", False), timeout=10_000)
    settle(qapp)
    bars = dashboard.completion.bars
    final = next(b for b in bars if b.property("status") == "failed")
    assert final.value() == 0, "its best sitting's score, not 100 %"
    assert not any(b.property("status") == "completed" and b.value() == 100 for b in bars)
